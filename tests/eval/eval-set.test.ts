import { describe, expect, it } from "vitest";
import { HALVES, KINDS, problemWith, readCalibration, readHalf } from "../../bench/eval/set.ts";

describe("the labelled evaluation set", () => {
  const halves = Object.fromEntries(HALVES.map((h) => [h, readHalf(h)]));

  it("parses, and every line names the public page it was modelled on and a label of an allowed form", () => {
    for (const half of HALVES) {
      expect(halves[half]?.length).toBeGreaterThan(0);
      for (const q of halves[half] ?? []) expect(problemWith(q), `${half} ${q.id}`).toBeNull();
    }
  });

  it("keeps dev and held-out apart: no id and no query text in both", () => {
    const dev = halves.dev ?? [];
    const heldout = halves.heldout ?? [];
    const devIds = new Set(dev.map((q) => q.id));
    const devTexts = new Set(dev.map((q) => q.query.trim().toLowerCase()));
    expect(heldout.filter((q) => devIds.has(q.id) || devTexts.has(q.query.trim().toLowerCase()))).toEqual([]);
  });

  it("has every kind in both halves", () => {
    for (const half of HALVES) expect(new Set(halves[half]?.map((q) => q.kind))).toEqual(new Set(KINDS));
  });

  it("refuses what a line may not be: a code-less label, a missing url, an unknown kind", () => {
    const good = {
      id: "x",
      query: "đăng ký khai sinh",
      expect: "1.001193",
      kind: "official" as const,
      url: "https://example.org/a",
    };
    expect(problemWith(good)).toBeNull();
    expect(problemWith({ ...good, expect: "khai sinh" })).toMatch(/allowed form/);
    expect(problemWith({ ...good, expect: "elsewhere:passport" })).toBeNull();
    expect(problemWith({ ...good, url: "" })).toMatch(/url/);
    expect(problemWith({ ...good, kind: "slang" as never })).toMatch(/kind/);
  });
});

describe("the off-topic calibration set (tests/fixtures/off-topic-calibration.jsonl)", () => {
  const lines = readCalibration();

  it("has at least 100 sentences, each with a topic and the public page it was modelled on", () => {
    expect(lines.length).toBeGreaterThanOrEqual(100);
    for (const l of lines) {
      expect(l.query.trim(), l.id).not.toBe("");
      expect(l.topic, l.id).toMatch(/^[a-z-]+$/);
      expect(l.url, l.id).toMatch(/^https?:\/\/\S+$/);
    }
  });

  it("is apart from both evaluation halves: it calibrates, it is not scored", () => {
    const texts = new Set(HALVES.flatMap((h) => readHalf(h)).map((q) => q.query.trim().toLowerCase()));
    expect(lines.filter((l) => texts.has(l.query.trim().toLowerCase()))).toEqual([]);
  });
});
