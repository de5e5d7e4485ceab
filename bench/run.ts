/**
 * `npm run bench`: one report, every figure next to its baseline measured in the same run, each
 * the median of BENCH_RUNS runs (default 3). Prints a table and writes bench/results.json with
 * the machine, Node version and date. On a shared, noisy machine, read ratios, not absolutes.
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { loadCatalog } from "../src/domain/catalog/load.ts";
import { benchBotThroughput } from "./bot-throughput.ts";
import { benchBroadcastInterrupted, benchBroadcastRate } from "./broadcast.ts";
import { benchDossierImport, IMPORT_TARGETS } from "./dossier-import.ts";
import { benchDossierStore, DOSSIER_TARGETS } from "./dossier-store.ts";
import { benchInstances } from "./instances.ts";
import { benchLookupRecording } from "./lookups.ts";
import { benchNational, TARGETS } from "./national/index.ts";
import { benchNearest } from "./nearest.ts";
import { benchSearch } from "./search.ts";
import { medianOfRuns, round } from "./stats.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const dataDir = fileURLToPath(new URL("../data", import.meta.url));

async function repeatRuns<T extends object>(label: string, measure: () => Promise<T> | T): Promise<T[]> {
  const runs: T[] = [];
  for (let i = 0; i < RUNS; i++) {
    process.stderr.write(`${label}: run ${i + 1}/${RUNS}\n`);
    runs.push(await measure());
  }
  return runs;
}

const repeat = async <T extends object>(label: string, measure: () => Promise<T> | T): Promise<T> =>
  medianOfRuns(await repeatRuns(label, measure));

const catalog = await loadCatalog(dataDir);
const shipped = await repeat("search (shipped catalog)", () =>
  benchSearch("shipped", catalog, [...catalog.procedures.values()], 20),
);
const nearest = await repeat("nearest commune (national)", () => benchNearest(catalog));
process.stderr.write(`national scale: ${RUNS} fresh processes\n`);
const national = await benchNational(dataDir, RUNS);
const throughput = await repeat("whole bot", benchBotThroughput);
const lookups = await repeat("look-up recording", benchLookupRecording);
const dossierStore = await repeat("dossier store at a center's scale", benchDossierStore);
// One run: a 50 MB import takes minutes, and peak memory does not vary much from run to run.
process.stderr.write("dossier import at a center's scale: 1 run\n");
const dossierImport = await benchDossierImport();
const broadcast = await repeat("broadcast rate", benchBroadcastRate);
const interrupted = await benchBroadcastInterrupted();
/** PostgreSQL for the several-instances run: BENCH_DATABASE_URL, else the test server's. */
const databaseUrl =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const instanceRuns = await repeatRuns("several instances (PostgreSQL)", () => benchInstances(databaseUrl));
const instances = medianOfRuns(instanceRuns);
/** Lost and doubled replies must be 0 in every run, not in the median one. */
const killedRuns = instanceRuns.map((r) => r.threeOneKilled);
const worstKilled = {
  lost: Math.max(...killedRuns.map((r) => r.lost)),
  doubled: Math.max(...killedRuns.map((r) => r.doubled)),
};

const NEAREST_OF = 3;
const held = (ok: boolean) => (ok ? "yes" : "NO");
const { wholeCatalog: w, communeScoped: sc, plainFuseWholeCatalog: f } = national;

/**
 * The whole-bot figures of one delivery mode. In webhook mode a method can ride in the answer to
 * Telegram's request instead of costing a request of its own: requests and methods are both shown.
 */
function throughputRows(mode: "polling" | "webhook", t: (typeof throughput)["polling"]) {
  const echoes =
    mode === "polling" ? `echo ${t.echoPerSecond} (runner echo ${t.echoRunnerPerSecond})` : `echo ${t.echoPerSecond}`;
  return [
    {
      figure: `whole bot, ${mode}: updates/s, 200 users at once`,
      motcua: t.oursPerSecond,
      baseline: echoes,
      target: "≥ 0.6 of echo",
      held: held(t.ratioToEcho >= 0.6),
    },
    {
      figure: `whole bot, ${mode}: ratio to echo${mode === "polling" ? " (bot.start) / to runner echo" : ""}`,
      motcua: mode === "polling" ? `${t.ratioToEcho} / ${t.ratioToEchoRunner}` : t.ratioToEcho,
      baseline: "1",
      target: "≥ 0.6",
      held: "",
    },
    {
      figure: `whole bot, ${mode}: search / card / conversation step per s`,
      motcua: `${t.oursSearchPerSecond} / ${t.oursCardPerSecond} / ${t.oursConversationStepsPerSecond}`,
      baseline: `echo ${t.echoPerSecond}`,
      target: "",
      held: "",
    },
    {
      figure: `whole bot, ${mode}: the bot process's CPU ms per update (user + system)`,
      motcua: t.oursCpuMsPerUpdate,
      baseline: `echo ${t.echoCpuMsPerUpdate}`,
      target: "",
      held: "",
    },
    {
      figure: `whole bot, ${mode}: the bot process's peak resident memory, MB`,
      motcua: t.oursPeakRssMB,
      baseline: `echo ${t.echoPeakRssMB}`,
      target: "",
      held: "",
    },
    {
      figure: `whole bot, ${mode}: Bot API HTTP requests / methods (with webhook answers) per update`,
      motcua: `${t.oursRequestsPerUpdate} / ${t.oursMethodsPerUpdate}`,
      baseline: `echo ${t.echoRequestsPerUpdate} / ${t.echoMethodsPerUpdate}`,
      target: "requests ≤ 1.6",
      held: held(t.oursRequestsPerUpdate <= 1.6),
    },
  ];
}
const rows = [
  {
    figure: `search ${shipped.procedures} procedures: median / p99 ms`,
    motcua: `${shipped.ours.median} / ${shipped.ours.p99}`,
    baseline: `${shipped.plainFuse.median} / ${shipped.plainFuse.p99}`,
    target: "",
    held: "",
  },
  {
    figure: `search ${shipped.procedures}: top-1 / top-3 / off-topic FP`,
    motcua: `${shipped.ours.top1} / ${shipped.ours.top3} / ${shipped.ours.offTopicFalsePositives} of ${shipped.ours.offTopicQueries}`,
    baseline: `${shipped.plainFuse.top1} / ${shipped.plainFuse.top3} / ${shipped.plainFuse.offTopicFalsePositives}`,
    target: "",
    held: "",
  },
  {
    figure: `nearest ${NEAREST_OF} of ${nearest.communes} communes to a location: median / p99 ms`,
    motcua: `${nearest.grid.median} / ${nearest.grid.p99}`,
    baseline: `scan all: ${nearest.scan.median} / ${nearest.scan.p99}`,
    target: "p99 < 1",
    held: held(nearest.grid.p99 < 1),
  },
  {
    figure: "national: start-up ms (app) / process ready ms",
    motcua: `${national.startupMs} / ${national.processReadyMs}`,
    baseline: "",
    target: `< ${TARGETS.startupMs}`,
    held: held(national.startupMs < TARGETS.startupMs),
  },
  {
    figure: "national: resident memory MB after start / after searching",
    motcua: `${national.rssAfterStartMB} / ${national.peakRssMB}`,
    baseline: "",
    target: `< ${TARGETS.rssMB}`,
    held: held(national.peakRssMB < TARGETS.rssMB),
  },
  {
    figure: "national: commune-scoped search median / p99 ms",
    motcua: `${sc.median} / ${sc.p99}`,
    baseline: "",
    target: `p99 < ${TARGETS.scopedP99Ms}`,
    held: held(sc.p99 < TARGETS.scopedP99Ms),
  },
  {
    figure: "national: whole-catalog search median / p99 ms",
    motcua: `${w.median} / ${w.p99}`,
    baseline: `${f.median} / ${f.p99}`,
    target: `p99 < ${TARGETS.wholeP99Ms}, ≥ ${TARGETS.speedup}x`,
    held: held(
      w.p99 < TARGETS.wholeP99Ms && national.speedupP99 >= TARGETS.speedup && national.speedupMedian >= TARGETS.speedup,
    ),
  },
  {
    figure: "national: speed-up over plain fuse.js, median / p99",
    motcua: `${national.speedupMedian}x / ${national.speedupP99}x`,
    baseline: "1x",
    target: `≥ ${TARGETS.speedup}x`,
    held: "",
  },
  {
    figure: "national: top-1 / top-3 / off-topic FP (whole catalog)",
    motcua: `${w.top1} / ${w.top3} / ${w.offTopicFalsePositives}`,
    baseline: `${f.top1} / ${f.top3} / ${f.offTopicFalsePositives}`,
    target: "no worse than shipped",
    held: held(w.top1 >= shipped.ours.top1 && w.offTopicFalsePositives <= shipped.ours.offTopicFalsePositives),
  },
  ...(["polling", "webhook"] as const).flatMap((mode) => throughputRows(mode, throughput[mode])),
  {
    figure: "recording a look-up at 1k / 1M recorded, median ms",
    motcua: `${lookups.ndjson.at1k.median} / ${lookups.ndjson.at1M.median}`,
    baseline: `one lowdb doc: ${lookups.oneLowdbDocument.at1k.median} at 1k / ${lookups.oneLowdbDocument.at100k.median} at 100k`,
    target: "flat",
    held: held(lookups.ndjson.medianRatio1MTo1k < 2),
  },
  {
    figure: `${dossierStore.dossiers} dossiers: follow / delivered notification, median ms`,
    motcua: `${dossierStore.current.follow.median} / ${dossierStore.current.delivery.median}`,
    baseline: `one document: ${dossierStore.oneDocument.follow.median} / ${dossierStore.oneDocument.delivery.median}`,
    target: `follow ≤ ${DOSSIER_TARGETS.followMedianMs}`,
    held: held(dossierStore.current.follow.median <= DOSSIER_TARGETS.followMedianMs),
  },
  {
    figure: `${dossierStore.dossiers} dossiers: others held up by a follow / a delivery, ms`,
    motcua: `${dossierStore.current.follow.stallMs} / ${dossierStore.current.delivery.stallMs}`,
    baseline: `one document: ${dossierStore.oneDocument.follow.stallMs} / ${dossierStore.oneDocument.delivery.stallMs}`,
    target: `≤ ${DOSSIER_TARGETS.stallMs}`,
    held: held(
      Math.max(dossierStore.current.follow.stallMs, dossierStore.current.delivery.stallMs) <= DOSSIER_TARGETS.stallMs,
    ),
  },
  {
    figure: `import of ${dossierImport.rows} rows, CSV ${dossierImport.csv.mb} MB / xlsx ${dossierImport.xlsx.mb} MB: peak RSS of the CLI, MB`,
    motcua: `${dossierImport.csv.peakRssMb} / ${dossierImport.xlsx.peakRssMb}`,
    baseline: dossierImport.csv.baseline ? `earlier version, CSV: ${dossierImport.csv.baseline.peakRssMb}` : "",
    target: `< ${IMPORT_TARGETS.peakRssMb}`,
    held: held(Math.max(dossierImport.csv.peakRssMb, dossierImport.xlsx.peakRssMb) < IMPORT_TARGETS.peakRssMb),
  },
  {
    figure: `upload of ${dossierImport.upload.rows} rows imported by the bot, 200,000 dossiers stored: others held up, ms`,
    motcua: dossierImport.upload.stallMs,
    baseline: `the same process idle: ${dossierImport.upload.idleStallMs}`,
    target: `≤ ${IMPORT_TARGETS.stallMs}`,
    held: held(dossierImport.upload.stallMs <= IMPORT_TARGETS.stallMs),
  },
  {
    figure: `broadcast rate, ${broadcast.subscribers} recipients (msg/s)`,
    motcua: broadcast.achievedRate ?? "",
    baseline: `configured ${broadcast.configuredRate}, server limit ${broadcast.serverLimit}`,
    target: "≈ configured, 0 × 429",
    held: held(broadcast.tooMany429 === 0 && broadcast.skipped === 0),
  },
  ...interrupted.map((s) => ({
    figure: `broadcast, ${s.scenario}: skipped / duplicates`,
    motcua: `${s.skipped} / ${s.duplicates}`,
    baseline: "",
    target: `0 / ≤ ${s.inFlightWindow}`,
    held: held(s.skipped === 0 && s.duplicates <= s.inFlightWindow),
  })),
  {
    figure: "webhook, 1,000 users, uncapped: 1 / 3 instances, updates/s (machine busy)",
    motcua: `${instances.uncapped.one.perSecond} (${instances.uncapped.one.machineBusy}) / ${instances.uncapped.three.perSecond} (${instances.uncapped.three.machineBusy})`,
    baseline: "1 instance",
    target: "",
    held: "",
  },
  instances.capped
    ? {
        figure: `webhook, each instance capped at ${instances.capped.one.cpusEach} CPU: 1 / 3 instances, updates/s`,
        motcua: `${instances.capped.one.perSecond} / ${instances.capped.three.perSecond}`,
        baseline: "1 instance",
        target: "3 > 1",
        held: held(instances.capped.three.perSecond > instances.capped.one.perSecond),
      }
    : {
        figure: "webhook, instances capped: no cgroup could be made here (not root?)",
        motcua: "",
        baseline: "",
        target: "3 > 1",
        held: "not measured",
      },
  {
    figure: `3 instances (CPU each: ${instances.threeOneKilled.cpusEach}), one SIGKILLed at 40%: updates/s, lost, doubled (worst run)`,
    motcua: `${instances.threeOneKilled.perSecond}, ${worstKilled.lost}, ${worstKilled.doubled}`,
    baseline: "",
    target: "0 lost, 0 doubled",
    held: held(worstKilled.lost === 0 && worstKilled.doubled === 0),
  },
];

console.log(
  `\nmotcua bench — medians of ${RUNS} runs, ${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}`,
);
console.table(rows);

const results = {
  date: new Date().toISOString(),
  node: process.version,
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    loadAverage: os.loadavg(),
  },
  runs: RUNS,
  targets: TARGETS,
  report: rows,
  search: { shipped },
  national,
  nearest,
  throughput,
  lookups,
  dossierStore,
  dossierImport,
  broadcast: { rate: broadcast, interrupted },
  instances: { ...instances, killedRuns },
};
writeFileSync(new URL("./results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log("written bench/results.json");
