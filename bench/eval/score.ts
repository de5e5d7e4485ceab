/** Scoring one labelled query against what the search returned, and summing a group of them. */
import { type EvalQuery, type Label, labelOf } from "./set.ts";

/** An item of `search --json`: a procedure, or (once the search knows them) a done-elsewhere item. */
export interface Returned {
  code: string;
  name?: string;
  score?: number;
  elsewhere?: boolean;
  smalltalk?: boolean;
}

export interface Outcome {
  query: EvalQuery;
  label: Label;
  /** False when the expected procedure is not in the loaded catalog: counted apart, not scored. */
  scored: boolean;
  top1: boolean;
  top3: boolean;
  /** Off-topic or small talk that got any procedure or done-elsewhere item back. */
  falsePositive: boolean;
  got: string[];
}

/** What the search answered, as comparable labels: a procedure code or "elsewhere:<id>". */
const asLabel = (r: Returned) => (r.elsewhere ? `elsewhere:${r.code}` : r.code);

export function outcomeOf(query: EvalQuery, returned: Returned[], catalogCodes: ReadonlySet<string>): Outcome {
  const label = labelOf(query.expect);
  const got = returned.filter((r) => !r.smalltalk).map(asLabel);
  const scored = label !== "procedure" || catalogCodes.has(query.expect as string);
  const hit = (k: number) => query.expect !== null && got.slice(0, k).includes(query.expect);
  const silent = label === "offtopic" || label === "smalltalk";
  return {
    query,
    label,
    scored,
    top1: !silent && hit(1),
    top3: !silent && hit(3),
    falsePositive: silent && got.length > 0,
    got,
  };
}

export interface Summary {
  scored: number;
  notInCatalog: number;
  /** Share of scored queries expecting a procedure or done-elsewhere item found first; null if none. */
  top1: number | null;
  top3: number | null;
  /** Share of off-topic and small-talk queries that got anything back; null if none. */
  falsePositiveRate: number | null;
}

const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);

export function summarize(outcomes: Outcome[]): Summary {
  const scored = outcomes.filter((o) => o.scored);
  const wanted = scored.filter((o) => o.label === "procedure" || o.label === "elsewhere");
  const silent = scored.filter((o) => o.label === "offtopic" || o.label === "smalltalk");
  return {
    scored: scored.length,
    notInCatalog: outcomes.length - scored.length,
    top1: share(wanted.filter((o) => o.top1).length, wanted.length),
    top3: share(wanted.filter((o) => o.top3).length, wanted.length),
    falsePositiveRate: share(silent.filter((o) => o.falsePositive).length, silent.length),
  };
}
