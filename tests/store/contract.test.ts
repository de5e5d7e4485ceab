/**
 * What every store must do, run against each backend: the embedded lowdb store always, and
 * PostgreSQL when TEST_DATABASE_URL is set (.ci/run sets it), each test in a fresh schema.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LookupLimiter } from "../../src/domain/dossiers/limiter.ts";
import type { BotStore } from "../../src/store/bot-storage.ts";
import { openLowStore } from "../../src/store/lowdb/index.ts";
import { openPgStore } from "../../src/store/postgres/index.ts";
import { aReport, REPORTED_CODE } from "../support/dossier-report.ts";
import { freshDatabase, TEST_DATABASE_URL } from "../support/postgres.ts";

interface Backend {
  name: string;
  /** A new, empty store; `reopen` opens the same state again, as after a restart. */
  create(): Promise<{ store: BotStore; reopen: () => Promise<BotStore>; remove: () => Promise<void> }>;
}

const lowdb: Backend = {
  name: "lowdb",
  async create() {
    const dir = await mkdtemp(join(tmpdir(), "motcua-contract-"));
    return {
      store: await openLowStore(dir),
      reopen: () => openLowStore(dir),
      remove: () => rm(dir, { recursive: true, force: true }),
    };
  },
};

const postgres = (url: string): Backend => ({
  name: "PostgreSQL",
  async create() {
    const database = await freshDatabase(url);
    // The pseudonym key stays a file in STATE_DIR with PostgreSQL too.
    const dir = await mkdtemp(join(tmpdir(), "motcua-contract-"));
    return {
      store: await openPgStore(database.url, dir),
      reopen: () => openPgStore(database.url, dir),
      remove: async () => {
        await database.drop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
});

/** The defaults of LOOKUP_*: 10 look-ups in 10 minutes, a 15-minute cool-down after 5 unknown codes. */
const LIMITS = { maxLookups: 10, windowMs: 600_000, notFoundStreak: 5, cooldownMs: 900_000 };

const backends = [lowdb, ...(TEST_DATABASE_URL ? [postgres(TEST_DATABASE_URL)] : [])];

describe.each(backends)("The $name store", (backend) => {
  const open: BotStore[] = [];
  let removeState: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    await removeState?.();
  });
  async function fresh() {
    const made = await backend.create();
    open.push(made.store);
    removeState = made.remove;
    return {
      store: made.store,
      reopen: async () => {
        const again = await made.reopen();
        open.push(again);
        return again;
      },
    };
  }

  it("keeps the pseudonym key across a restart, so a user's look-ups keep one pseudonym", async () => {
    const { store, reopen } = await fresh();
    const key = await store.pseudonymSecret();
    expect(Buffer.byteLength(key)).toBeGreaterThanOrEqual(32);
    expect(await (await reopen()).pseudonymSecret()).toBe(key);
  });

  it("takes an import's reports at once while no bot holds it, and later queued ones on the bot's next round", async () => {
    const { store } = await fresh();
    expect(await store.submitReports([aReport()], new Date("2026-11-30T02:00:00.000Z"))).toEqual({
      outcomes: ["added"],
      via: "applied",
    });
    expect(await store.dossiers.get(REPORTED_CODE)).toMatchObject({ code: REPORTED_CODE });
    expect(await store.applyQueuedReports(new Date())).toBe(0);
  });

  it("keeps a resident's profile across a restart, merging changes and dropping cleared fields", async () => {
    const { store, reopen } = await fresh();
    await store.users.update(42, { communeCode: "16855", notices: true, inactive: true });
    expect(await store.users.update(42, { locale: "en", inactive: undefined })).toEqual({
      communeCode: "16855",
      notices: true,
      locale: "en",
    });
    expect(await (await reopen()).users.get(42)).toEqual({ communeCode: "16855", notices: true, locale: "en" });
    expect(await store.users.get(43)).toBeUndefined();
  });

  it("finds a notice's audience: active residents of the commune with notices on, or of the old units named", async () => {
    const { store } = await fresh();
    await store.users.update(1, { communeCode: "16855", notices: true, oldUnitCode: "17230" });
    await store.users.update(2, { communeCode: "16855", notices: true });
    await store.users.update(3, { communeCode: "16855", notices: false });
    await store.users.update(4, { communeCode: "16855", notices: true, inactive: true });
    await store.users.update(5, { communeCode: "20044", notices: true });
    expect(await store.users.noticeAudience("16855")).toEqual([1, 2]);
    expect(await store.users.noticeAudience("16855", ["17230"])).toEqual([1]);
  });

  it("grants and revokes staff rights per commune, without duplicates", async () => {
    const { store, reopen } = await fresh();
    const grant = { userId: 7, communeCode: "16855", grantedBy: 1, grantedAt: "2026-11-30T00:00:00.000Z" };
    await store.staff.grant(grant);
    await store.staff.grant({ ...grant, grantedAt: "2026-11-30T01:00:00.000Z" });
    await store.staff.grant({ ...grant, communeCode: "20044" });
    expect(await store.staff.communesOf(7)).toEqual(["16855", "20044"]);
    expect(await store.staff.revoke(7, "20044")).toBe(true);
    expect(await store.staff.revoke(7, "20044")).toBe(false);
    expect(await (await reopen()).staff.list()).toEqual([{ ...grant, grantedAt: "2026-11-30T01:00:00.000Z" }]);
  });

  it("keeps notices, newest first per commune, and which are still being sent", async () => {
    const { store, reopen } = await fresh();
    const notice = (id: string, communeCode = "16855") => ({
      id,
      communeCode,
      text: `Thông báo ${id}`,
      createdBy: 1,
      createdAt: "2026-11-30T00:00:00.000Z",
      status: "sending" as const,
    });
    await store.notices.add(notice("n1"));
    await store.notices.add({
      ...notice("n2"),
      photo: "file-id",
      location: { lat: 19.1, lon: 104.9 },
      oldUnitCodes: ["17230"],
    });
    await store.notices.add(notice("n3", "20044"));
    await store.notices.setStatus("n1", "done");
    const again = await reopen();
    expect((await again.notices.latest("16855", 5)).map((n) => n.id)).toEqual(["n2", "n1"]);
    expect((await again.notices.latest("16855", 1)).map((n) => n.id)).toEqual(["n2"]);
    expect((await again.notices.sending()).map((n) => n.id)).toEqual(["n2", "n3"]);
    expect(await again.notices.get("n2")).toEqual({
      ...notice("n2"),
      photo: "file-id",
      location: { lat: 19.1, lon: 104.9 },
      oldUnitCodes: ["17230"],
    });
    expect((await again.notices.get("n1"))?.status).toBe("done");
  });

  it("fixes a notice's recipients and records what happened to each, in order", async () => {
    const { store, reopen } = await fresh();
    await store.deliveries.setRecipients("n1", [30, 10, 20]);
    await store.deliveries.record("n1", { chatId: 30, result: "sent", at: "2026-11-30T00:00:01.000Z" });
    await store.deliveries.record("n1", { chatId: 10, result: "blocked", at: "2026-11-30T00:00:02.000Z" });
    const again = await reopen();
    expect(await again.deliveries.recipients("n1")).toEqual([30, 10, 20]);
    expect((await again.deliveries.records("n1")).map((r) => [r.chatId, r.result])).toEqual([
      [30, "sent"],
      [10, "blocked"],
    ]);
    expect(await again.deliveries.recipients("other")).toEqual([]);
  });

  it("keeps the latest change staff made to each center", async () => {
    const { store, reopen } = await fresh();
    await store.centerUpdates.set("16855", {
      address: "Bản Xiêng",
      updatedBy: 7,
      updatedAt: "2026-11-30T00:00:00.000Z",
    });
    await store.centerUpdates.set("16855", {
      address: "Bản Phà",
      hours: "7:30-17:00",
      updatedBy: 7,
      updatedAt: "2026-11-30T01:00:00.000Z",
    });
    expect(await (await reopen()).centerUpdates.all()).toEqual({
      "16855": { address: "Bản Phà", hours: "7:30-17:00", updatedBy: 7, updatedAt: "2026-11-30T01:00:00.000Z" },
    });
  });

  it("keeps the latest posted list staff uploaded for each commune", async () => {
    const { store, reopen } = await fresh();
    const list = (commune: string, importedAt: string, code: string) => ({
      commune,
      source: "niem-yet.xlsx",
      importedAt,
      procedures: [{ code }],
      uncatalogued: [],
    });
    await store.postedLists.set(list("16855", "2026-11-30T00:00:00.000Z", "1.001193"));
    await store.postedLists.set(list("16855", "2026-11-30T01:00:00.000Z", "1.000656"));
    await store.postedLists.set(list("00001", "2026-11-30T02:00:00.000Z", "1.001193"));
    expect(await (await reopen()).postedLists.all()).toEqual([
      list("00001", "2026-11-30T02:00:00.000Z", "1.001193"),
      list("16855", "2026-11-30T01:00:00.000Z", "1.000656"),
    ]);
  });

  it("applies dossier reports, queues one notification per follower per change, and forgets delivered ones", async () => {
    const { store, reopen } = await fresh();
    const now = new Date("2026-11-30T03:00:00.000Z");
    expect(await store.dossiers.applyReports([aReport()], now)).toEqual(["added"]);
    await store.dossiers.subscribe(REPORTED_CODE, 501, "vi");
    await store.dossiers.subscribe(REPORTED_CODE, 502, "en");
    await store.dossiers.unsubscribe(REPORTED_CODE, 502);
    await store.dossiers.subscribe(REPORTED_CODE, 503, "en");
    expect(await store.dossiers.applyReports([aReport()], now)).toEqual(["unchanged"]);
    expect(await store.dossiers.pendingNotifications()).toEqual([]);
    const changed = aReport({ status: "needs_supplement", missing: ["Giấy chứng sinh"] });
    expect(await store.dossiers.applyReports([changed, changed], now)).toEqual(["updated", "unchanged"]);
    const again = await reopen();
    const queued = await again.dossiers.pendingNotifications();
    expect(queued.map((n) => [n.chatId, n.status, n.locale])).toEqual([
      [501, "needs_supplement", "vi"],
      [503, "needs_supplement", "en"],
    ]);
    expect((await again.dossiers.get(REPORTED_CODE))?.missing).toEqual(["Giấy chứng sinh"]);
    expect(await again.dossiers.isSubscribed(REPORTED_CODE, 502)).toBe(false);
    expect(await again.dossiers.followedCodes()).toEqual([REPORTED_CODE]);
    await again.dossiers.markDelivered(queued[0]?.id ?? "");
    expect((await again.dossiers.pendingNotifications()).map((n) => n.chatId)).toEqual([503]);
  });

  it("appends look-ups and events, reads them since a date, and prunes whole days", async () => {
    const { store, reopen } = await fresh();
    const lookup = (at: string) => ({ at, code: "000.00.20.H40-251120-0001", found: true, user: "p1" });
    for (const at of ["2026-11-28T10:00:00.000Z", "2026-11-29T10:00:00.000Z", "2026-11-30T10:00:00.000Z"])
      await store.lookups.record(lookup(at));
    await store.events.record({
      at: "2026-11-30T11:00:00.000Z",
      kind: "unanswered",
      query: "mua vé tàu",
      communeCode: "16855",
    });
    const again = await reopen();
    const since = async <T>(log: AsyncIterable<T>) => {
      const out: T[] = [];
      for await (const e of log) out.push(e);
      return out;
    };
    expect((await since(again.lookups.since(new Date("2026-11-29T00:00:00.000Z")))).map((l) => l.at)).toEqual([
      "2026-11-29T10:00:00.000Z",
      "2026-11-30T10:00:00.000Z",
    ]);
    expect(await since(again.events.since(new Date("2026-11-30T00:00:00.000Z")))).toEqual([
      { at: "2026-11-30T11:00:00.000Z", kind: "unanswered", query: "mua vé tàu", communeCode: "16855" },
    ]);
    await again.lookups.prune(new Date("2026-11-29T12:00:00.000Z"));
    expect((await since(again.lookups.since(new Date(0)))).map((l) => l.at)).toEqual([
      "2026-11-29T10:00:00.000Z",
      "2026-11-30T10:00:00.000Z",
    ]);
  });

  it("keeps a guesser's cool-down across a restart, and pruning old counts keeps a cool-down under way", async () => {
    const { store, reopen } = await fresh();
    const now = Date.parse("2026-11-30T03:00:00.000Z");
    const guesser = new LookupLimiter(LIMITS, store.lookupLimits);
    for (let i = 0; i < LIMITS.notFoundStreak; i++) {
      expect(await guesser.take("p-guesser", now + i)).toEqual({ allowed: true });
      await guesser.note("p-guesser", false, now + i);
    }
    expect(await guesser.take("p-resident", now)).toEqual({ allowed: true });
    const again = await reopen();
    const afterRestart = new LookupLimiter(LIMITS, again.lookupLimits);
    expect(await afterRestart.take("p-guesser", now + 60_000)).toMatchObject({ allowed: false, reason: "cooldown" });
    await again.lookupLimits.prune(new Date(now + LIMITS.windowMs + 1));
    expect(await afterRestart.take("p-resident", now + LIMITS.windowMs + 1)).toEqual({ allowed: true });
    expect(await afterRestart.take("p-guesser", now + LIMITS.windowMs + 1)).toMatchObject({
      allowed: false,
      reason: "cooldown",
    });
    await again.lookupLimits.prune(new Date(now + LIMITS.cooldownMs + 10));
    expect(await afterRestart.take("p-guesser", now + LIMITS.cooldownMs + 10)).toEqual({ allowed: true });
  });

  it("keeps a conversation in progress across a restart and forgets it when it ends", async () => {
    const { store, reopen } = await fresh();
    const state = { version: [1, 0], state: { checklist: [{ args: "1.001193", replay: { send: [1, "có"] } }] } };
    await store.conversations.write("8401", state);
    const again = await reopen();
    expect(await again.conversations.read("8401")).toEqual(state);
    await again.conversations.delete("8401");
    expect(await again.conversations.read("8401")).toBeUndefined();
    expect(await (await reopen()).conversations.read("8401")).toBeUndefined();
  });
});

describe.skipIf(!TEST_DATABASE_URL)("Two instances on one PostgreSQL database", () => {
  it("share one guesser's counts: the look-ups of both add up to the limit, and the cool-down holds on both", async () => {
    const database = await freshDatabase(TEST_DATABASE_URL as string);
    const dir = await mkdtemp(join(tmpdir(), "motcua-contract-"));
    const [a, b] = [await openPgStore(database.url, dir), await openPgStore(database.url, dir)];
    try {
      const now = Date.parse("2026-11-30T03:00:00.000Z");
      const [onA, onB] = [new LookupLimiter(LIMITS, a.lookupLimits), new LookupLimiter(LIMITS, b.lookupLimits)];
      // Both instances at once, twice the allowance: exactly the allowance is let through.
      const verdicts = await Promise.all(
        Array.from({ length: 2 * LIMITS.maxLookups }, (_, i) => (i % 2 ? onA : onB).take("p-rate", now)),
      );
      expect(verdicts.filter((v) => v.allowed)).toHaveLength(LIMITS.maxLookups);
      // Unknown codes alternate between the instances; together they start the cool-down.
      for (let i = 0; i < LIMITS.notFoundStreak; i++) {
        const limiter = i % 2 ? onA : onB;
        expect(await limiter.take("p-guesser", now + i)).toEqual({ allowed: true });
        await limiter.note("p-guesser", false, now + i);
      }
      expect(await onA.take("p-guesser", now + 10)).toMatchObject({ allowed: false, reason: "cooldown" });
      expect(await onB.take("p-guesser", now + 10)).toMatchObject({ allowed: false, reason: "cooldown" });
    } finally {
      await Promise.all([a.close(), b.close()]);
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("send each queued dossier notification from one instance only, and offer it again if its sender stopped", async () => {
    const database = await freshDatabase(TEST_DATABASE_URL as string);
    const dir = await mkdtemp(join(tmpdir(), "motcua-contract-"));
    const [a, b] = [await openPgStore(database.url, dir), await openPgStore(database.url, dir)];
    try {
      const now = new Date("2026-11-30T03:00:00.000Z");
      await a.dossiers.applyReports([aReport()], now);
      for (let chat = 1; chat <= 30; chat++) await a.dossiers.subscribe(REPORTED_CODE, chat, "vi");
      await a.dossiers.applyReports([aReport({ status: "needs_supplement" })], now);
      const lease = 60_000;
      // Both background rounds at once: every notification goes to exactly one of them.
      const [onA, onB] = await Promise.all([
        a.dossiers.claimNotifications(now, 30, lease),
        b.dossiers.claimNotifications(now, 30, lease),
      ]);
      const chats = [...onA, ...onB].map((n) => n.chatId).sort((x, y) => x - y);
      expect(chats).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(await b.dossiers.claimNotifications(now, 30, lease)).toEqual([]);
      // A delivers what it claimed; B stops before sending: after the lease, B's share is offered again.
      for (const n of onA) await a.dossiers.markDelivered(n.id);
      const later = new Date(now.getTime() + lease);
      const again = await a.dossiers.claimNotifications(later, 30, lease);
      expect(again.map((n) => n.id).sort()).toEqual(onB.map((n) => n.id).sort());
    } finally {
      await Promise.all([a.close(), b.close()]);
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
