import { loadCatalog } from "../../domain/catalog/load.ts";
import type { PostedList } from "../../domain/catalog/schema.ts";
import { POSTED_HEADERS, readPostedRows } from "../../domain/imports/posted-import.ts";
import type { ImportLimits } from "../../config.ts";
import { writePostedList } from "../../imports/posted-file.ts";
import { validateSheet } from "../../imports/read-import.ts";
import { readImportSheet } from "../read-import-file.ts";
import { UsageError } from "../usage-error.ts";
import { parseFlags } from "./args.ts";
import { printReport } from "./report.ts";

/**
 * `catalog import FILE.csv --commune ID`: a center's own posted list (code, field, local_note).
 * All or nothing: with any rejected row nothing is written and the exit code is 1.
 */
export async function catalogImportCommand(args: string[], { dataDir, imports }: { dataDir: string; imports: ImportLimits }): Promise<number> {
  const { values, positionals } = parseFlags(args, { commune: { type: "string" }, json: { type: "boolean", default: false } });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError("give exactly one FILE.csv");
  if (!values.commune) throw new UsageError("--commune ID is required");
  const catalog = await loadCatalog(dataDir);
  const commune = catalog.communes.get(values.commune);
  if (!commune) throw new UsageError(`unknown commune "${values.commune}": use its 5-digit code, e.g. 16855`);
  const sheet = await readImportSheet(file, { limits: imports, headers: POSTED_HEADERS });
  const { procedures, rejected } = validateSheet(sheet, (rows) => readPostedRows(rows, catalog), { procedures: [], rejected: [] });
  const applied = rejected.length === 0;
  if (applied) {
    const list: PostedList = { commune: commune.code, source: file, importedAt: new Date().toISOString(), procedures };
    await writePostedList(dataDir, list);
  }
  const summary = applied
    ? `${commune.name}: ${procedures.length} procedures posted.`
    : `${commune.name}: nothing imported from ${file} (${rejected.length} rows rejected). Fix them and run again.`;
  printReport({ applied, file, commune: commune.code, accepted: procedures.length, rejected }, values.json, summary);
  return applied ? 0 : 1;
}
