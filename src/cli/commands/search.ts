import { readFile } from "node:fs/promises";
import { loadCatalog } from "../../domain/catalog/load.ts";
import { loadSearch } from "../../domain/search/load.ts";
import { hitKey, hitName, type SearchHit } from "../../domain/search/procedure-search.ts";
import { positiveInt, UsageError } from "../usage-error.ts";
import { parseFlags } from "./args.ts";

/**
 * `search`: one JSON array per query, best first, items {code, name, score} (name in
 * Vietnamese, score in (0,1], higher is better); something done elsewhere also carries
 * `"elsewhere": true` and the `agency` that does it, its id as `code`. With --batch, one array
 * per line (JSON Lines).
 */
export async function searchCommand(args: string[], dataDir: string): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    json: { type: "boolean", default: false },
    limit: { type: "string" },
    commune: { type: "string" },
    batch: { type: "string" },
  });
  const limit = positiveInt("limit", values.limit, 5);
  if (!values.batch && positionals.length === 0) throw new UsageError("give a QUERY or --batch FILE");
  if (values.batch && positionals.length > 0) throw new UsageError("give either a QUERY or --batch FILE, not both");
  const catalog = await loadCatalog(dataDir);
  if (values.commune !== undefined && !catalog.communes.get(values.commune)) {
    throw new UsageError(`unknown commune "${values.commune}": use its 5-digit code, e.g. 16855`);
  }
  const search = await loadSearch(dataDir, catalog);
  const within = values.commune ? catalog.postedCodes(values.commune) : undefined;
  const queries = values.batch
    ? (await readFile(values.batch, "utf8")).split(/\r?\n/).filter((l) => l.trim() !== "")
    : [positionals.join(" ")];
  for (const query of queries) {
    const hits = search.find(query, { limit, ...(within ? { within } : {}) });
    process.stdout.write(`${values.json ? JSON.stringify(hits.map(toJson)) : describe(query, hits)}\n`);
  }
  return 0;
}

function toJson(h: SearchHit) {
  if (h.kind === "procedure") return { code: h.procedure.code, name: h.procedure.name.vi, score: h.score };
  return { code: h.item.id, name: h.item.name.vi, score: h.score, elsewhere: true, agency: h.item.agency.vi };
}

function describe(query: string, hits: SearchHit[]): string {
  if (hits.length === 0) return `${query}: (nothing relevant)`;
  return [`${query}:`, ...hits.map((h) => `  ${h.score.toFixed(3)}  ${hitKey(h)}  ${hitName(h, "vi")}`)].join("\n");
}
