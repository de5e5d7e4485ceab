import { describe, expect, it } from "vitest";
import type { LookupRecord } from "../../src/domain/dossiers/lookup-record.ts";
import { centerStats } from "../../src/domain/stats/center-stats.ts";
import type { UsageEvent } from "../../src/domain/stats/usage-event.ts";

const now = new Date("2026-11-23T05:00:00.000Z"); // 12:00 in Vietnam
const at = (daysAgo: number, hourUtc = 3) => new Date(Date.UTC(2026, 10, 23 - daysAgo, hourUtc)).toISOString();
const search = (
  daysAgo: number,
  query: string,
  kind: UsageEvent["kind"] = "search",
  communeCode = "16855",
): UsageEvent => ({ at: at(daysAgo), kind, query, communeCode });
const lookup = (daysAgo: number, found: boolean): LookupRecord => ({
  at: at(daysAgo),
  code: "x",
  found,
  user: "p",
  communeCode: "16855",
});

const events: UsageEvent[] = [
  search(0, "khai sinh"),
  search(0, "Khai Sinh"),
  search(1, "mua vé tàu", "unanswered"),
  search(2, "mua ve tau", "unanswered"),
  search(10, "sổ đỏ"),
  search(0, "khai sinh", "search", "20044"), // another commune
  { at: at(0), kind: "card", procedureCode: "1.001193", communeCode: "16855" },
  { at: at(3), kind: "card", procedureCode: "1.001193", communeCode: "16855" },
  { at: at(3), kind: "card", procedureCode: "1.000894", communeCode: "16855" },
  { at: at(9), kind: "checklist", procedureCode: "1.001193", communeCode: "16855" },
];
const lookups = [lookup(0, true), lookup(0, false), lookup(20, true), lookup(40, true)];

describe("A center's statistics on known data", () => {
  const week = centerStats({ events, lookups }, "16855", now, 7);
  const month = centerStats({ events, lookups }, "16855", now, 30);

  it("counts searches and look-ups per day, oldest first, today last", () => {
    expect(week.perDay).toHaveLength(7);
    expect(week.perDay.at(-1)).toEqual({ date: "2026-11-23", searches: 2, lookups: 2 });
    expect(week.perDay.at(-2)).toEqual({ date: "2026-11-22", searches: 1, lookups: 0 });
    expect(month.perDay.reduce((n, d) => n + d.searches, 0)).toBe(5);
  });

  it("groups queries regardless of case and tone marks, and lists the unanswered ones", () => {
    expect(week.topQueries).toEqual([
      { query: "khai sinh", count: 2 },
      { query: "mua vé tàu", count: 2 },
    ]);
    expect(week.unansweredQueries).toEqual([{ query: "mua vé tàu", count: 2 }]);
  });

  it("counts views, checklists and look-ups found or not, only in the period and the commune", () => {
    expect(week.topProcedures).toEqual([
      { code: "1.001193", views: 2 },
      { code: "1.000894", views: 1 },
    ]);
    expect(week.checklists).toBe(0);
    expect(month.checklists).toBe(1);
    expect(week.lookups).toEqual({ found: 1, notFound: 1 });
    expect(month.lookups).toEqual({ found: 2, notFound: 1 });
  });
});

describe("Statistics read while another instance's clock is a little ahead", () => {
  it("an event of tomorrow in Vietnam (just past midnight there) waits for its day instead of breaking /stats", () => {
    const beforeMidnight = new Date("2026-11-23T16:59:58.000Z"); // 23:59:58 in Vietnam
    const skewed: UsageEvent = {
      at: "2026-11-23T17:00:03.000Z",
      kind: "search",
      query: "khai sinh",
      communeCode: "16855",
    };
    const early: LookupRecord = {
      at: "2026-11-23T17:00:04.000Z",
      code: "x",
      found: true,
      user: "p",
      communeCode: "16855",
    };
    const week = centerStats({ events: [...events, skewed], lookups: [...lookups, early] }, "16855", beforeMidnight, 7);
    expect(week.perDay.at(-1)).toEqual({ date: "2026-11-23", searches: 2, lookups: 2 });
    expect(week.topQueries[0]).toEqual({ query: "khai sinh", count: 2 });
    expect(week.lookups).toEqual({ found: 1, notFound: 1 });
  });
});
