import { describe, expect, it } from "vitest";
import { outcomeOf, summarize } from "../../bench/eval/score.ts";
import type { EvalQuery } from "../../bench/eval/set.ts";

const query = (expect: string | null, kind: EvalQuery["kind"] = "natural"): EvalQuery => ({
  id: "t",
  query: "q",
  expect,
  kind,
  url: "https://example.org",
});
const catalog = new Set(["1.001193", "1.004884"]);

describe("scoring one evaluation query", () => {
  it("finds a procedure first, or only in the top three", () => {
    expect(outcomeOf(query("1.001193"), [{ code: "1.001193" }, { code: "1.004884" }], catalog)).toMatchObject({
      top1: true,
      top3: true,
    });
    expect(outcomeOf(query("1.004884"), [{ code: "1.001193" }, { code: "1.004884" }], catalog)).toMatchObject({
      top1: false,
      top3: true,
    });
  });

  it("counts a done-elsewhere query as found only when the search marks the item elsewhere with that id", () => {
    expect(
      outcomeOf(query("elsewhere:passport", "elsewhere"), [{ code: "passport", elsewhere: true }], catalog).top1,
    ).toBe(true);
    expect(outcomeOf(query("elsewhere:passport", "elsewhere"), [{ code: "1.004859" }], catalog).top1).toBe(false);
  });

  it("sets apart a query whose procedure the loaded catalog does not have, instead of scoring it a miss", () => {
    const o = outcomeOf(query("1.013133"), [], catalog);
    expect(o.scored).toBe(false);
    expect(summarize([o, outcomeOf(query("1.001193"), [{ code: "1.001193" }], catalog)])).toMatchObject({
      scored: 1,
      notInCatalog: 1,
      top1: 1,
    });
  });

  it("calls any answer to off-topic or small talk a false positive, except a small-talk marker", () => {
    expect(outcomeOf(query(null, "offtopic"), [{ code: "1.001193" }], catalog).falsePositive).toBe(true);
    expect(
      outcomeOf(query("smalltalk", "smalltalk"), [{ code: "hello", smalltalk: true }], catalog).falsePositive,
    ).toBe(false);
    expect(summarize([outcomeOf(query(null, "offtopic"), [], catalog)])).toMatchObject({
      falsePositiveRate: 0,
      top1: null,
    });
  });
});
