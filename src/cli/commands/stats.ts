import { loadCatalog } from "../../domain/catalog/load.ts";
import { loadCenterStats } from "../../store/center-stats.ts";
import { openStore } from "../../store/open.ts";
import { UsageError } from "../usage-error.ts";
import { parseFlags } from "./args.ts";

/** `stats --commune ID [--json]`: the figures staff see in /stats, for the last 7 and 30 days. */
export async function statsCommand(
  args: string[],
  dataDir: string,
  state: { stateDir: string; databaseUrl?: string; dossiers: { codePattern: RegExp } },
): Promise<number> {
  const { values } = parseFlags(args, { commune: { type: "string" }, json: { type: "boolean", default: false } });
  if (!values.commune) throw new UsageError("--commune ID is required");
  const catalog = await loadCatalog(dataDir);
  const commune = catalog.communes.get(values.commune);
  if (!commune) throw new UsageError(`unknown commune "${values.commune}": use its 5-digit code, e.g. 16855`);
  const store = await openStore(state);
  const stats = await loadCenterStats(store, commune.code, new Date(), state.dossiers.codePattern);
  await store.close();
  if (values.json) {
    process.stdout.write(`${JSON.stringify(stats)}\n`);
    return 0;
  }
  for (const s of [stats.last7, stats.last30]) {
    const searches = s.perDay.reduce((n, d) => n + d.searches, 0);
    process.stdout.write(
      `${[
        `${commune.name}, last ${s.days} days: ${searches} searches, ${s.checklists} checklists, look-ups ${s.lookups.found} found / ${s.lookups.notFound} not found`,
        `  unanswered: ${s.unansweredQueries.map((q) => `${q.query} (${q.count})`).join(", ") || "none"}`,
        `  top queries: ${s.topQueries.map((q) => `${q.query} (${q.count})`).join(", ") || "none"}`,
        `  most viewed: ${s.topProcedures.map((p) => `${p.code} (${p.views})`).join(", ") || "none"}`,
        `  arrivals: ${s.arrivals.qr} by a poster's QR code, ${s.arrivals.share} by a shared card, ${s.arrivals.direct} direct`,
      ].join("\n")}\n`,
    );
  }
  if (stats.unreadable > 0)
    process.stdout.write(`${stats.unreadable} unreadable line(s) in the usage and look-up logs skipped\n`);
  return 0;
}
