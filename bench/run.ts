/**
 * `npm run bench`: prints a table and writes bench/results.json. Timings are medians and 99th
 * percentiles of many runs on a shared, noisy machine: read ratios, not absolutes.
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import { loadCatalog } from "../src/domain/catalog/load.ts";
import { benchBotThroughput } from "./bot-throughput.ts";
import { benchBroadcast } from "./broadcast.ts";
import { benchLookupRecording } from "./lookups.ts";
import { benchSearchSuite } from "./search.ts";

const catalog = await loadCatalog(new URL("../data", import.meta.url).pathname);
const search = benchSearchSuite(catalog);

console.log("Search latency per query (ms) and quality on the labelled set (tests/fixtures/search-queries.json)");
console.table(
  search.flatMap((s) => [
    { catalog: s.catalog, engine: "motcua", procedures: s.procedures, ...s.ours },
    { catalog: s.catalog, engine: "plain fuse.js", procedures: s.procedures, ...s.plainFuse },
  ]),
);

const lookups = await benchLookupRecording();
console.log("\nCost of recording one dossier look-up (ms): ours appends to a daily JSON Lines file; the baseline rewrites one lowdb document");
console.table([
  { store: "JSON Lines (ours)", recorded: "1,000", ...lookups.ndjson.at1k },
  { store: "JSON Lines (ours)", recorded: "1,000,000", ...lookups.ndjson.at1M },
  { store: "one lowdb document", recorded: "1,000", ...lookups.oneLowdbDocument.at1k },
  { store: "one lowdb document", recorded: "100,000", ...lookups.oneLowdbDocument.at100k },
]);
console.log(`median at 1M / median at 1k: ${lookups.ndjson.medianRatio1MTo1k}`);

const broadcast = await benchBroadcast();
console.log("\nBroadcast against a fake Bot API that answers 429 beyond its limit (20% above the configured rate, as Telegram is above the default) and to a second message to one chat within 1 s");
console.table(broadcast);

const throughput = await benchBotThroughput();
console.log("\nWhole bot: updates per second end to end over loopback HTTP, 200 users at once, against an echo bot");
console.table(throughput.rows);
console.log(`ours / echo: ${throughput.ratio}`);

const results = {
  date: new Date().toISOString(),
  node: process.version,
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30) },
  search,
  lookups,
  broadcast,
  throughput,
};
writeFileSync(new URL("./results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log("written bench/results.json");
