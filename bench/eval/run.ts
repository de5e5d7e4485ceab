/**
 * `npm run eval`: runs every labelled query of both halves through the search as the CLI exposes it
 * (`search --json --limit 3 --batch FILE`, the contract the bot's search answers with) and prints,
 * per half and per kind: count, top-1, top-3, and for off-topic and small talk the false-positive
 * rate (anything returned). Queries whose expected procedure is not in the loaded catalog are
 * counted apart and left out of the scores. Writes the same to bench/results-eval.json, with the
 * dev half's misses (to tune on) and never the held-out half's (read its score only).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCatalog } from "../../src/domain/catalog/load.ts";
import { type Outcome, outcomeOf, type Returned, summarize } from "./score.ts";
import { HALVES, type Half, KINDS, LABELS, readCalibration, readHalf } from "./set.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const LIMIT = 3;

/** One search per line through the CLI, exactly as an integrator or the bench would call it. */
function searchAll(queries: string[]): Returned[][] {
  const dir = mkdtempSync(join(os.tmpdir(), "motcua-eval-"));
  try {
    const file = join(dir, "queries.txt");
    writeFileSync(file, `${queries.join("\n")}\n`);
    const out = execFileSync(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", "search", "--json", "--limit", String(LIMIT), "--batch", file],
      {
        cwd: ROOT,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return out
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l) as Returned[]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runHalf(half: Half, catalogCodes: ReadonlySet<string>): Outcome[] {
  const queries = readHalf(half);
  const results = searchAll(queries.map((q) => q.query));
  if (results.length !== queries.length)
    throw new Error(`${half}: ${queries.length} queries but ${results.length} answers`);
  return queries.map((q, i) => outcomeOf(q, results[i] as Returned[], catalogCodes));
}

/** A scored query answered wrongly: the wanted item not first, or anything returned for off-topic and small talk. */
const isMiss = (o: Outcome) =>
  o.scored && (o.falsePositive || ((o.label === "procedure" || o.label === "elsewhere") && !o.top1));

const pct = (x: number | null) => (x === null ? "   -  " : `${(x * 100).toFixed(1).padStart(5)}%`);

function printHalf(half: Half, outcomes: Outcome[]) {
  const byKind = KINDS.map((k) => [k, summarize(outcomes.filter((o) => o.query.kind === k))] as const);
  const byLabel = LABELS.map((l) => [`[${l}]`, summarize(outcomes.filter((o) => o.label === l))] as const);
  const rows = [...byKind, ...byLabel, ["ALL", summarize(outcomes)] as const];
  process.stdout.write(
    `\n${half}  (per kind, then per [label]: scored n, top-1, top-3, false positives; not in catalog)\n`,
  );
  for (const [name, s] of rows) {
    process.stdout.write(
      `  ${name.padEnd(11)} n=${String(s.scored).padStart(3)}  top1 ${pct(s.top1)}  top3 ${pct(s.top3)}  fp ${pct(s.falsePositiveRate)}  (not in catalog: ${s.notInCatalog})\n`,
    );
  }
}

const catalog = await loadCatalog(join(ROOT, "data"));
const codes = new Set([...catalog.procedures.values()].map((p) => p.code));
const report: Record<string, unknown> = {
  date: new Date().toISOString(),
  node: process.version,
  catalogProcedures: codes.size,
  limit: LIMIT,
};
for (const half of HALVES) {
  const outcomes = runHalf(half, codes);
  printHalf(half, outcomes);
  report[half] = {
    all: summarize(outcomes),
    byKind: Object.fromEntries(KINDS.map((k) => [k, summarize(outcomes.filter((o) => o.query.kind === k))])),
    byLabel: Object.fromEntries(LABELS.map((l) => [l, summarize(outcomes.filter((o) => o.label === l))])),
    ...(half === "dev"
      ? {
          misses: outcomes
            .filter(isMiss)
            .map((o) => ({ id: o.query.id, query: o.query.query, expect: o.query.expect, got: o.got })),
        }
      : {}),
  };
}
// Our own off-topic sentences (tests/fixtures/off-topic-calibration.jsonl), apart from both halves:
// what the relevance threshold is calibrated on, so its rate is printed beside the halves'.
const calibration = readCalibration().map((l) => l.query);
const answered = searchAll(calibration).filter((r) => r.length > 0).length;
report.calibration = { offTopic: calibration.length, answered, falsePositiveRate: answered / calibration.length };
process.stdout.write(
  `\ncalibration (own off-topic sentences): ${answered} of ${calibration.length} answered, fp ${pct(answered / calibration.length)}\n`,
);
const out = join(ROOT, "bench", "results-eval.json");
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`\nwritten: bench/results-eval.json\n`);
