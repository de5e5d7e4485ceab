import { basename, join } from "node:path";
import { Writer } from "steno";
import type { ImportLimits } from "../../config.ts";
import { loadCatalog } from "../../domain/catalog/load.ts";
import type { ImportedCenters } from "../../domain/catalog/schema.ts";
import { readCenterRows } from "../../domain/imports/center-import.ts";
import { validateSheet } from "../../imports/read-import.ts";
import { readImportSheet } from "../read-import-file.ts";
import { UsageError } from "../usage-error.ts";
import { parseFlags } from "./args.ts";
import { inEnglish, printReport } from "./report.ts";

/**
 * `communes import FILE.csv [--source TEXT] [--as-of DATE]`: headquarters addresses and coordinates for all communes, from the
 * merger lookup site's list, into DATA_DIR/centers.json. Malformed rows stop the import; rows
 * naming a commune the national list lacks are reported and skipped.
 */
export async function communesImportCommand(
  args: string[],
  { dataDir, imports }: { dataDir: string; imports: ImportLimits },
): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    json: { type: "boolean", default: false },
    source: { type: "string" },
    "as-of": { type: "string" },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError("give exactly one FILE.csv");
  const catalog = await loadCatalog(dataDir);
  const sheet = await readImportSheet(file, { limits: imports });
  const { centers, rejected, unmatched } = validateSheet(sheet, (rows) => readCenterRows(rows, catalog.communes), {
    centers: {},
    rejected: [],
    unmatched: [],
  });
  const count = Object.keys(centers).length;
  const applied = rejected.length === 0 && count > 0;
  if (applied) {
    const data: ImportedCenters = {
      source: values.source ?? `merger lookup site list (${basename(file)})`,
      importedAt: new Date().toISOString(),
      ...(values["as-of"] ? { dataAsOf: values["as-of"] } : {}),
      centers,
    };
    await new Writer(join(dataDir, "centers.json")).write(`${JSON.stringify(data)}\n`);
  }
  const summary = applied
    ? `${count} centers imported; ${unmatched.length} rows skipped (listed below).`
    : `nothing imported from ${file} (${rejected.length} rows rejected).`;
  const skipped = await inEnglish(unmatched);
  await printReport({ applied, file, imported: count, rejected, unmatched: skipped }, values.json, summary);
  if (!values.json) for (const u of skipped) process.stdout.write(`skipped line ${u.line}: ${u.reason}\n`);
  return applied ? 0 : 1;
}
