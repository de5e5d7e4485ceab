import type { ReportOutcome } from "../domain/dossiers/report.ts";
import type { CommunesOf, SubmitReports } from "../domain/dossiers/submit.ts";
import {
  DOSSIER_HEADERS,
  type DossierImportOptions,
  readDossierJson,
  readDossierRows,
} from "../domain/imports/dossier-import.ts";
import type { RejectedRow } from "../domain/imports/types.ts";
import type { Sheet } from "./csv-sheet.ts";
import { type ImportReadOptions, validateSheet } from "./read-import.ts";

/** What an import of a one-stop export did: all of it applied, or nothing, with why. */
export interface DossierImportOutcome {
  applied: boolean;
  /** How the reports reached the store (see SubmitReports); absent when nothing was applied. */
  via?: "applied" | "queued";
  counts: Record<ReportOutcome, number>;
  rejected: RejectedRow[];
}

/** How a one-stop export is read, whatever brings it (command line, chat). */
export const dossierReadOptions = (limits: ImportReadOptions["limits"]): ImportReadOptions => ({
  limits,
  json: readDossierJson,
  headers: DOSSIER_HEADERS,
});

/**
 * The import of a one-stop export for one commune, all or nothing: rows are validated, then a
 * row whose dossier is stored under another commune is rejected (a center's export never moves
 * a dossier away from the commune it was handed in at), and only a file without a rejected row
 * is submitted. The same file twice changes nothing the second time.
 */
export async function importDossierSheet(
  sheet: Sheet & { readable: boolean },
  deps: { options: DossierImportOptions; communesOf: CommunesOf; submit: SubmitReports; now: Date },
): Promise<DossierImportOutcome> {
  const counts: Record<ReportOutcome, number> = { added: 0, updated: 0, unchanged: 0 };
  const read = validateSheet(sheet, (rows) => readDossierRows(rows, deps.options), {
    reports: [],
    lines: [],
    rejected: [],
  });
  const stored =
    read.reports.length > 0 ? await deps.communesOf(read.reports.map((r) => r.code)) : new Map<string, string>();
  const moved = read.reports.flatMap((report, i) => {
    const commune = stored.get(report.code);
    if (commune === undefined || commune === report.communeCode) return [];
    const reason = `dossier ${report.code} belongs to commune ${commune}, not ${report.communeCode}: an import never moves a dossier between communes (ask that commune's center, or remove the row)`;
    return [{ line: read.lines[i] ?? 1, reason }];
  });
  const rejected = [...read.rejected, ...moved].sort((a, b) => a.line - b.line);
  if (rejected.length > 0) return { applied: false, counts, rejected };
  const { outcomes, via } = await deps.submit(read.reports, deps.now);
  for (const outcome of outcomes) counts[outcome]++;
  return { applied: true, via, counts, rejected };
}
