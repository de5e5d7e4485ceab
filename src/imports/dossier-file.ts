import type { DossierReport, ReportOutcome } from "../domain/dossiers/report.ts";
import type { CommunesOf, SubmitReports } from "../domain/dossiers/submit.ts";
import {
  DOSSIER_HEADERS,
  type DossierImportOptions,
  DossierRowReader,
  readDossierJson,
} from "../domain/imports/dossier-import.ts";
import { type RejectedRow, rejectedRow, SheetError } from "../domain/imports/types.ts";
import { type ImportReadOptions, openImportRows, tooLarge } from "./read-import.ts";
import type { ImportSource } from "./text-stream.ts";

/** What an import of a one-stop export did: all of it applied, or nothing, with why. */
export interface DossierImportOutcome {
  applied: boolean;
  /** How the reports reached the store (see SubmitReports); absent when nothing was applied. */
  via?: "applied" | "queued";
  counts: Record<ReportOutcome, number>;
  rejected: RejectedRow[];
}

/** An export to import: its bytes (read twice), its name (which says its kind) and size. */
export interface ImportFile {
  source: ImportSource;
  name: string;
  size: number;
}

interface ImportDeps {
  read: ImportReadOptions;
  options: DossierImportOptions;
  communesOf: CommunesOf;
  submit: SubmitReports;
  now: Date;
}

/** How a one-stop export is read, whatever brings it (command line, chat). */
export const dossierReadOptions = (limits: ImportReadOptions["limits"]): ImportReadOptions => ({
  limits,
  json: readDossierJson,
  headers: DOSSIER_HEADERS,
});

/** Codes looked up at a time for the commune they are stored under. */
const LOOKUP_BATCH = 1_000;

/**
 * The import of a one-stop export for one commune, all or nothing, streamed so that a file of
 * 200,000 rows is never held whole: a first read validates every row, and rejects a row whose
 * dossier is stored under another commune (a center's export never moves a dossier away from
 * the commune it was handed in at); only a file without a rejected row is read again, its
 * reports handed to the store as they come. The same file twice changes nothing the second time.
 */
export async function importDossierFile(file: ImportFile, deps: ImportDeps): Promise<DossierImportOutcome> {
  const counts: Record<ReportOutcome, number> = { added: 0, updated: 0, unchanged: 0 };
  const rejected = await check(file, deps);
  if (rejected.length > 0) return { applied: false, counts, rejected };
  const { outcomes, via } = await deps.submit(reportsOf(file, deps), deps.now);
  for (const outcome of outcomes) counts[outcome]++;
  return { applied: true, via, counts, rejected };
}

/** Every rejected row of the file, in line order; a file that cannot be read is one rejection. */
async function check(file: ImportFile, deps: ImportDeps): Promise<RejectedRow[]> {
  try {
    if (file.size > deps.read.limits.maxBytes)
      throw new SheetError(1, tooLarge(file.name, file.size, deps.read.limits.maxBytes));
    const sheet = await openImportRows(file.source, file.name, deps.read);
    const reader = new DossierRowReader(sheet.header, deps.options);
    const rejected: RejectedRow[] = [];
    let batch: [code: string, line: number][] = [];
    let rows = 0;
    for await (const row of sheet.rows) {
      if ("reasons" in row) {
        rejected.push(row);
        continue;
      }
      rows++;
      const report = reader.missingColumns ? undefined : reader.read(row);
      if (report) batch.push([report.code, row.line]);
      if (batch.length < LOOKUP_BATCH) continue;
      rejected.push(...(await moved(batch, deps)));
      batch = [];
    }
    rejected.push(...(await moved(batch, deps)));
    reader.finish();
    // Without a readable row, the rules would only add "missing columns".
    if (rows > 0) rejected.push(...reader.rejected);
    if (rejected.length === 0 && rows === 0) rejected.push(rejectedRow(1, { key: "sheet_no_rows" }));
    return rejected.sort((a, b) => a.line - b.line);
  } catch (error) {
    if (error instanceof SheetError) return [error.rejected];
    throw error;
  }
}

/** Rows whose dossier is stored under another commune. */
async function moved(batch: [code: string, line: number][], deps: ImportDeps): Promise<RejectedRow[]> {
  if (batch.length === 0) return [];
  const stored = await deps.communesOf(batch.map(([code]) => code));
  const into = deps.options.communeCode;
  return batch.flatMap(([code, line]) => {
    const commune = stored.get(code);
    if (commune === undefined || commune === into) return [];
    return [rejectedRow(line, { key: "dossier_other_commune", code, commune, into })];
  });
}

/** The file's reports, read again as they are applied; a file changed since it was checked stops the import. */
async function* reportsOf(file: ImportFile, deps: ImportDeps): AsyncIterable<DossierReport> {
  const sheet = await openImportRows(file.source, file.name, deps.read);
  const reader = new DossierRowReader(sheet.header, deps.options);
  for await (const row of sheet.rows) {
    const report = "reasons" in row ? undefined : reader.read(row);
    if (report) yield report;
    else if (!("cells" in row && Object.values(row.cells).every((v) => v.trim() === "")))
      throw new Error(`${file.name} changed while it was imported (line ${row.line}): import it again`);
  }
}
