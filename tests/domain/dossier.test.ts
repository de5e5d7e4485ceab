import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { looksLikeDossierCode, parseDossierCode } from "../../src/domain/dossiers/code-format.ts";
import { daysOverdue, maskName, wasRescheduled } from "../../src/domain/dossiers/dossier.ts";
import { type LimiterEntry, LookupLimiter } from "../../src/domain/dossiers/limiter.ts";
import { applyReport, type DossierReport } from "../../src/domain/dossiers/report.ts";

import { DATA_DIR } from "../support/catalog.ts";

const format = { pattern: /^\d{3}\.\d{2}\.\d{2}\.[GH]\d{2}-\d{6}-\d{4}$/, example: "000.00.53.H48-220921-0099" };

/** A report as an export row would give it, with overrides. */
const aReport = (overrides: Partial<DossierReport> = {}): DossierReport => ({
  code: "000.00.20.H40-250709-0001",
  communeCode: "16855",
  applicantName: "Nguyễn Văn An",
  receivedAt: "2025-07-09T02:00:00.000Z",
  due: "2025-07-20T10:00:00.000Z",
  status: "received",
  ...overrides,
});

describe("Dossier codes as people type them", () => {
  const cases: [string, string | undefined][] = [
    ["000.00.53.H48-220921-0099", "000.00.53.H48-220921-0099"],
    [" 000.00.53.h48 - 220921 - 0099 ", "000.00.53.H48-220921-0099"],
    ["Mã hồ sơ: 000.00.53.H48-220921-0099", "000.00.53.H48-220921-0099"],
    ["000.00.53.H48-220921-009", undefined],
    ["000.00.53.X48-220921-0099", undefined],
  ];
  it.each(cases)("%j reads as %j", (typed, code) => {
    expect(parseDossierCode(typed, format)).toBe(code);
  });

  it("a message that is mostly digits with dots and dashes is taken as a code attempt; a question is not", () => {
    expect(looksLikeDossierCode("000.00.53.H48-220921-009")).toBe(true);
    expect(looksLikeDossierCode("làm giấy khai sinh")).toBe(false);
    expect(looksLikeDossierCode("123/2015/NĐ-CP")).toBe(false);
  });
});

describe("The applicant's name is never shown whole", () => {
  it.each([
    ["Nguyễn Văn An", "N*** V** A"],
    ["Lò Thị Bình", "L* T** B"],
    ["An", "A"],
  ])("%j is shown as %j", (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});

describe("Reports from the center's system", () => {
  const now = new Date("2025-07-10T00:00:00Z");

  it("a new code is added with its first appointment and status", () => {
    const { dossier, outcome } = applyReport(undefined, aReport(), now);
    expect(outcome).toBe("added");
    expect(dossier.appointments).toEqual([{ due: "2025-07-20T10:00:00.000Z", setAt: now.toISOString() }]);
    expect(dossier.history.map((h) => h.status)).toEqual(["received"]);
  });

  it("the same report again changes nothing", () => {
    const first = applyReport(undefined, aReport(), now).dossier;
    expect(applyReport(first, aReport(), new Date("2025-07-11T00:00:00Z"))).toEqual({
      dossier: first,
      outcome: "unchanged",
      statusChanged: false,
    });
  });

  it("a moved appointment is kept in the history with its reason (the apology slip)", () => {
    const first = applyReport(undefined, aReport(), now).dossier;
    const moved = applyReport(first, aReport({ due: "2025-07-30T10:00:00.000Z", note: "Chờ xác minh" }), now);
    expect(moved.outcome).toBe("updated");
    expect(moved.statusChanged).toBe(false);
    expect(moved.dossier.appointments.map((a) => [a.due.slice(0, 10), a.reason])).toEqual([
      ["2025-07-20", undefined],
      ["2025-07-30", "Chờ xác minh"],
    ]);
    expect(wasRescheduled(moved.dossier)).toBe(true);
  });

  it("a new status is added to the history and marked as a change to notify", () => {
    const first = applyReport(undefined, aReport(), now).dossier;
    const next = applyReport(first, aReport({ status: "needs_supplement", missing: ["Giấy chứng sinh"] }), now);
    expect(next.statusChanged).toBe(true);
    expect(next.dossier.history.map((h) => h.status)).toEqual(["received", "needs_supplement"]);
    expect(next.dossier.missing).toEqual(["Giấy chứng sinh"]);
  });

  it("overdue is derived from the current appointment, and ends when the dossier is done", () => {
    const dossier = applyReport(undefined, aReport({ status: "in_process" }), now).dossier;
    expect(daysOverdue(dossier, new Date("2025-07-19T00:00:00Z"))).toBe(0);
    expect(daysOverdue(dossier, new Date("2025-07-23T12:00:00Z"))).toBe(3);
    const done = applyReport(dossier, aReport({ status: "done" }), now).dossier;
    expect(daysOverdue(done, new Date("2025-07-23T12:00:00Z"))).toBe(0);
  });

  it("is never overdue while the center waits for the citizen (papers to add, fees to pay)", () => {
    const late = new Date("2025-08-09T12:00:00Z");
    for (const status of ["needs_supplement", "financial_obligation"] as const) {
      expect(daysOverdue(applyReport(undefined, aReport({ status }), now).dossier, late)).toBe(0);
    }
    expect(daysOverdue(applyReport(undefined, aReport({ status: "received" }), now).dossier, late)).toBe(20);
  });

  it("keeps the center's current note, and a refusal's as its reason", () => {
    const waiting = applyReport(
      undefined,
      aReport({ status: "needs_supplement", note: "Thiếu bản chính giấy chứng sinh" }),
      now,
    ).dossier;
    expect([waiting.note, waiting.reason]).toEqual(["Thiếu bản chính giấy chứng sinh", undefined]);
    const refused = applyReport(waiting, aReport({ status: "not_accepted", note: "Sai thẩm quyền" }), now).dossier;
    expect([refused.note, refused.reason]).toEqual([undefined, "Sai thẩm quyền"]);
  });
});

describe("The sample dossiers", () => {
  it("have codes whose date is the day they were received (yymmdd, in Vietnam)", async () => {
    const samples = JSON.parse(await readFile(join(DATA_DIR, "samples", "dossiers.json"), "utf8")) as DossierReport[];
    for (const { code, receivedAt } of samples) {
      const day = new Date(new Date(receivedAt).getTime() + 7 * 3_600_000).toISOString().slice(2, 10).replace(/-/g, "");
      expect(code.split("-")[1], code).toBe(day);
    }
  });
});

describe("Limits against guessing codes", () => {
  const limits = { maxLookups: 10, windowMs: 600_000, notFoundStreak: 5, cooldownMs: 900_000 };
  /** The limiter with its entries kept in memory (the stores keep them in files or tables). */
  const aLimiter = () => {
    const entries = new Map<string, LimiterEntry>();
    return new LookupLimiter(limits, {
      async change(user, change) {
        const { entry, result } = change(entries.get(user));
        entries.set(user, entry);
        return result;
      },
      async prune() {},
    });
  };
  /** One look-up: taken from the allowance, then noted as found or not. */
  const lookUp = async (limiter: LookupLimiter, user: string, found: boolean, at: number) => {
    const verdict = await limiter.take(user, at);
    if (verdict.allowed) await limiter.note(user, found, at);
    return verdict;
  };

  it("allows 10 look-ups in 10 minutes, then says how long to wait", async () => {
    const limiter = aLimiter();
    for (let i = 0; i < 10; i++) expect((await lookUp(limiter, "u", true, i * 1000)).allowed).toBe(true);
    expect(await limiter.take("u", 10_000)).toEqual({ allowed: false, reason: "rate", retryAfterMs: 590_000 });
    expect((await limiter.take("u", 600_001)).allowed).toBe(true);
  });

  it("cools down after 5 unknown codes in 10 minutes, even with a known code slipped in between", async () => {
    const limiter = aLimiter();
    for (const [i, found] of [false, false, false, false, true].entries()) await lookUp(limiter, "u", found, i * 1000);
    expect(await lookUp(limiter, "u", false, 5000)).toEqual({ allowed: true });
    expect(await limiter.take("u", 6000)).toEqual({ allowed: false, reason: "cooldown", retryAfterMs: 899_000 });
  });

  it("forgets unknown codes older than the window", async () => {
    const limiter = aLimiter();
    for (let i = 0; i < 4; i++) await lookUp(limiter, "u", false, i * 1000);
    expect(await lookUp(limiter, "u", false, 700_000)).toEqual({ allowed: true });
    expect((await limiter.take("u", 701_000)).allowed).toBe(true);
  });

  it("one user's limit does not touch another's", async () => {
    const limiter = aLimiter();
    for (let i = 0; i < 5; i++) await lookUp(limiter, "a", false, 0);
    expect((await limiter.take("b", 0)).allowed).toBe(true);
    expect((await limiter.take("a", 0)).allowed).toBe(false);
  });
});
