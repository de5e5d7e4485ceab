/**
 * The labelled evaluation set (tests/eval/dev.jsonl, tests/eval/heldout.jsonl): one query per line,
 * written from public citizens' questions, each with the page it was modelled on. Shared by the
 * runner, the one-off splitter and the test that guards the files' shape.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const HALVES = ["dev", "heldout"] as const;
export type Half = (typeof HALVES)[number];

export const KINDS = [
  "official",
  "natural",
  "toneless",
  "typo",
  "colloquial",
  "question",
  "english",
  "elsewhere",
  "offtopic",
  "smalltalk",
] as const;
export type Kind = (typeof KINDS)[number];

export const FACETS = ["fee", "time", "place", "papers", "exemption"] as const;

export interface EvalQuery {
  id: string;
  query: string;
  /** A procedure code, "elsewhere:<id>", "smalltalk", or null for off-topic. */
  expect: string | null;
  kind: Kind;
  asks?: (typeof FACETS)[number];
  url: string;
}

const PROCEDURE_CODE = /^(\d\.\d{6}|LOCAL\.[A-Z]+\.[A-Z0-9]+)$/;
const ELSEWHERE = /^elsewhere:[a-z0-9_]+$/;

export const evalDir = fileURLToPath(new URL("../../tests/eval/", import.meta.url));
export const halfPath = (half: Half) => `${evalDir}${half}.jsonl`;

export const LABELS = ["procedure", "elsewhere", "offtopic", "smalltalk"] as const;
export type Label = (typeof LABELS)[number];

export function labelOf(expect: string | null): Label {
  if (expect === null) return "offtopic";
  if (expect === "smalltalk") return "smalltalk";
  return expect.startsWith("elsewhere:") ? "elsewhere" : "procedure";
}

/** Why a parsed line is not a valid query, or null when it is. */
export function problemWith(q: Partial<EvalQuery>): string | null {
  if (typeof q.id !== "string" || q.id === "") return "no id";
  if (typeof q.query !== "string" || q.query.trim() === "" || q.query.includes("\n")) return "no one-line query";
  if (!KINDS.includes(q.kind as Kind)) return `unknown kind ${String(q.kind)}`;
  if (typeof q.url !== "string" || !/^https?:\/\/\S+$/.test(q.url)) return "no source url";
  if (q.asks !== undefined && !FACETS.includes(q.asks)) return `unknown facet ${String(q.asks)}`;
  const e = q.expect;
  if (e === undefined) return "no expect";
  if (e !== null && e !== "smalltalk" && !ELSEWHERE.test(e) && !PROCEDURE_CODE.test(e))
    return `label of no allowed form: ${e}`;
  return null;
}

/** One JSON object a line, blank lines skipped. */
function readJsonLines<T>(path: string): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as T);
}

/** Our own off-topic sentences, apart from both halves: what the relevance threshold is calibrated on. */
export interface CalibrationLine {
  id: string;
  query: string;
  topic: string;
  url: string;
}

export const readCalibration = (): CalibrationLine[] =>
  readJsonLines(fileURLToPath(new URL("../../tests/fixtures/off-topic-calibration.jsonl", import.meta.url)));

/** Reads one half; throws naming the line at the first malformed entry. */
export function readHalf(half: Half): EvalQuery[] {
  const path = halfPath(half);
  if (!existsSync(path)) return [];
  return readJsonLines<EvalQuery>(path).map((q, i) => {
    const problem = problemWith(q);
    if (problem) throw new Error(`${half}.jsonl line ${i + 1}: ${problem}`);
    return q;
  });
}
