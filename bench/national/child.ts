/**
 * One national-scale start: run as its own process (`node --expose-gc --import tsx`) so that
 * start-up time and resident memory are the bot's alone. Prints one JSON line of figures.
 */
import { openApp } from "../../src/app.ts";
import { parseConfig } from "../../src/config.ts";
import { hitKey } from "../../src/domain/search/procedure-search.ts";
import { createLogger } from "../../src/logger.ts";
import { plainFuse, quality, queries } from "../search.ts";
import { round, summarize, timeEach } from "../stats.ts";
import { seededRandom } from "../synthetic-catalog.ts";

const [dataDir, stateDir] = process.argv.slice(2) as [string, string];
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

const started = performance.now();
const { catalog, search } = await openApp({ ...parseConfig({}), dataDir, stateDir, logger: createLogger("silent") });
const startupMs = performance.now() - started;
const processReadyMs = performance.now(); // since the process began, loading TypeScript included
globalThis.gc?.();
const rssAfterStartMB = mb(process.memoryUsage().rss);

const texts = queries.map((q) => q.query);
const whole = (q: string, limit: number) => search.find(q, { limit }).map(hitKey);
// As the bot does for a resident who chose a commune: limited to that commune's posted list.
const random = seededRandom(11);
const communes = [...catalog.communes.all()].map((c) => c.code);
const someCommune = () => communes[Math.floor(random() * communes.length)] as string;
const scoped = (q: string, limit: number) =>
  search.find(q, { limit, within: catalog.postedCodes(someCommune()) }).map(hitKey);

const wholeFigures = { ...summarize(timeEach(texts, 5, (q) => whole(q, 5))), ...quality(whole) };
const scopedFigures = { ...summarize(timeEach(texts, 10, (q) => scoped(q, 5))), ...quality(scoped) };
const peakRssMB = mb(process.memoryUsage().rss);

const baseline = plainFuse([...catalog.procedures.values()]);
const fuseFigures = { ...summarize(timeEach(texts, 2, (q) => baseline(q, 5))), ...quality(baseline) };

const figures = {
  startupMs: Math.round(startupMs),
  processReadyMs: Math.round(processReadyMs),
  rssAfterStartMB,
  peakRssMB,
  wholeCatalog: wholeFigures,
  communeScoped: scopedFigures,
  plainFuseWholeCatalog: fuseFigures,
  speedupMedian: round(fuseFigures.median / wholeFigures.median, 1),
  speedupP99: round(fuseFigures.p99 / wholeFigures.p99, 1),
};
process.stdout.write(`${JSON.stringify(figures)}\n`);
