/**
 * `npm run eval:split -- POOL.jsonl`: deals newly written queries into the dev and held-out halves,
 * once. Per kind, the new queries are shuffled with a fixed seed and alternated, so each half gets
 * half of every kind. Queries already in either half are never moved (the split happens once per
 * query), and a query text already present is refused: the halves must not share a query.
 */
import { appendFileSync, readFileSync } from "node:fs";
import { seededRandom } from "../synthetic-catalog.ts";
import { type EvalQuery, halfPath, KINDS, problemWith, readHalf } from "./set.ts";

const SEED = 20261201;

function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const poolPath = process.argv[2];
if (!poolPath) throw new Error("usage: npm run eval:split -- POOL.jsonl");
const pool = readFileSync(poolPath, "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => JSON.parse(l) as EvalQuery);
const existing = [...readHalf("dev"), ...readHalf("heldout")];
const seenIds = new Set(existing.map((q) => q.id));
const seenTexts = new Set(existing.map((q) => q.query.trim().toLowerCase()));
for (const q of pool) {
  const problem = problemWith(q);
  if (problem) throw new Error(`${q.id ?? "?"}: ${problem}`);
  const text = q.query.trim().toLowerCase();
  if (seenIds.has(q.id) || seenTexts.has(text)) throw new Error(`${q.id}: already in the set ("${q.query}")`);
  seenIds.add(q.id);
  seenTexts.add(text);
}
const random = seededRandom(SEED);
const dealt = { dev: [] as EvalQuery[], heldout: [] as EvalQuery[] };
for (const kind of KINDS) {
  shuffled(
    pool.filter((q) => q.kind === kind),
    random,
  ).forEach((q, i) => {
    dealt[i % 2 === 0 ? "dev" : "heldout"].push(q);
  });
}
for (const half of ["dev", "heldout"] as const) {
  const lines = dealt[half].sort((a, b) => a.id.localeCompare(b.id)).map((q) => JSON.stringify(q));
  if (lines.length > 0) appendFileSync(halfPath(half), `${lines.join("\n")}\n`);
  process.stdout.write(`${half}: +${lines.length}\n`);
}
