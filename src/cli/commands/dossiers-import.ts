import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { CsvError } from "csv-parse/sync";
import { loadCatalog } from "../../domain/catalog/load.ts";
import type { ReportOutcome } from "../../domain/dossiers/report.ts";
import { loadDossierStatuses } from "../../domain/dossiers/status-file.ts";
import { type DossierImportOptions, DossierJsonError, readDossierJson, readDossierRows } from "../../domain/imports/dossier-import.ts";
import type { SheetRow } from "../../domain/imports/types.ts";
import { openDossierSubmitter } from "../../store/dossier-submit.ts";
import { readCsvSheet } from "../sheet.ts";
import { UsageError } from "../usage-error.ts";
import { parseFlags } from "./args.ts";
import { printReport } from "./report.ts";

/**
 * `dossiers import FILE --commune ID [--json]`: the export of the province's one-stop system
 * (.csv or .json). All or nothing: with any rejected row nothing is applied and the exit code
 * is 1. The same file twice changes nothing the second time, so nobody is notified twice.
 */
export async function dossiersImportCommand(args: string[], dirs: { dataDir: string; stateDir: string }): Promise<number> {
  const { values, positionals } = parseFlags(args, { commune: { type: "string" }, json: { type: "boolean", default: false } });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError("give exactly one FILE (.csv or .json)");
  const kind = extname(file).toLowerCase();
  if (kind !== ".csv" && kind !== ".json") throw new UsageError(`"${file}" is neither .csv nor .json`);
  if (!existsSync(file)) throw new UsageError(`no file "${file}"`);
  if (!values.commune) throw new UsageError("--commune ID is required");
  const catalog = await loadCatalog(dirs.dataDir);
  const commune = catalog.communes.get(values.commune);
  if (!commune) throw new UsageError(`unknown commune "${values.commune}": use its 5-digit code, e.g. 16855`);

  const { reports, rejected } = await readExport(file, kind, {
    communeCode: commune.code,
    statuses: await loadDossierStatuses(dirs.dataDir),
    knownProcedureCodes: new Set(catalog.procedures.keys()),
  });
  if (rejected.length === 0 && reports.length === 0) rejected.push({ line: 1, reason: "the file has no rows" });
  const counts: Record<ReportOutcome, number> = { added: 0, updated: 0, unchanged: 0 };
  if (rejected.length > 0) {
    const summary = `${commune.name}: nothing imported (${rejected.length} rows rejected). Fix them and run again.`;
    printReport({ applied: false, commune: commune.code, ...counts, rejected }, values.json, summary);
    return 1;
  }
  const submit = await openDossierSubmitter(dirs.stateDir);
  const { outcomes, via } = await submit(reports, new Date());
  for (const outcome of outcomes) counts[outcome]++;
  const summary = [
    `${commune.name}: ${counts.added} added, ${counts.updated} updated, ${counts.unchanged} unchanged.`,
    ...(via === "queued" ? ["The running bot will apply it within a few seconds."] : []),
  ].join("\n");
  printReport({ applied: true, via, commune: commune.code, ...counts, rejected }, values.json, summary);
  return 0;
}

/**
 * The file's rows, read and validated. A file that cannot be read as rows at all (broken CSV
 * quoting, JSON that is not a list) becomes one rejected line, reported like any other.
 */
async function readExport(file: string, kind: string, options: DossierImportOptions) {
  let rows: SheetRow[];
  try {
    rows = kind === ".csv" ? await readCsvSheet(file) : readDossierJson(await readFile(file, "utf8"));
  } catch (error) {
    if (error instanceof DossierJsonError) return { reports: [], rejected: [error.rejected] };
    if (error instanceof CsvError) return { reports: [], rejected: [{ line: Number(error.lines ?? 1), reason: `the file is not valid CSV: ${error.message}` }] };
    throw error;
  }
  return readDossierRows(rows, options);
}
