import type { ImportLimits } from "../../config.ts";
import { loadCatalog } from "../../domain/catalog/load.ts";
import type { PostedList } from "../../domain/catalog/schema.ts";
import { POSTED_HEADERS, readPostedRows } from "../../domain/imports/posted-import.ts";
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
export async function catalogImportCommand(
  args: string[],
  { dataDir, imports }: { dataDir: string; imports: ImportLimits },
): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    commune: { type: "string" },
    json: { type: "boolean", default: false },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError("give exactly one FILE.csv");
  if (!values.commune) throw new UsageError("--commune ID is required");
  const catalog = await loadCatalog(dataDir);
  const commune = catalog.communes.get(values.commune);
  if (!commune) throw new UsageError(`unknown commune "${values.commune}": use its 5-digit code, e.g. 16855`);
  const sheet = await readImportSheet(file, { limits: imports, headers: POSTED_HEADERS });
  const { procedures, uncatalogued, rejected } = validateSheet(sheet, (rows) => readPostedRows(rows, catalog), {
    procedures: [],
    uncatalogued: [],
    rejected: [],
  });
  const applied = rejected.length === 0;
  if (applied) {
    const list: PostedList = {
      commune: commune.code,
      source: file,
      importedAt: new Date().toISOString(),
      procedures,
      uncatalogued,
    };
    await writePostedList(dataDir, list);
  }
  const summary = applied
    ? [`${commune.name}: ${procedures.length} procedures posted.`, ...uncataloguedLines(uncatalogued)].join("\n")
    : `${commune.name}: nothing imported from ${file} (${rejected.length} rows rejected). Fix them and run again.`;
  await printReport(
    { applied, file, commune: commune.code, accepted: procedures.length, uncatalogued, rejected },
    values.json,
    summary,
  );
  return applied ? 0 : 1;
}

/** What staff should ask the catalog's maintainers for: posted procedures the bot cannot explain yet. */
function uncataloguedLines(uncatalogued: PostedList["uncatalogued"]): string[] {
  if (uncatalogued.length === 0) return [];
  return [
    `${uncatalogued.length} of your procedures have no catalog entry yet (residents searching for them get no card): ask for them to be added.`,
    ...uncatalogued.map((p) => `  ${p.code}${p.name ? ` ${p.name}` : ""}`),
  ];
}
