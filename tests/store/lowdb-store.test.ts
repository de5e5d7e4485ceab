import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { openDossierSubmitter } from "../../src/store/dossier-submit.ts";
import { StateFileError } from "../../src/store/errors.ts";
import { openLowStore } from "../../src/store/lowdb/index.ts";
import { claimStateDir } from "../../src/store/lowdb/instance-lock.ts";
import { JsonDocument } from "../../src/store/lowdb/json-document.ts";
import { stateSecret } from "../../src/store/state-secret.ts";
import { aReport, REPORTED_CODE } from "../support/dossier-report.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "motcua-store-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("The embedded store keeps state on disk", () => {
  it("a chosen commune is on disk when update resolves, and a new store reads it back", async () => {
    const store = await openLowStore(dir);
    await store.users.update(42, { communeCode: "16855", oldUnitCode: "16846" });
    expect(JSON.parse(await readFile(join(dir, "users.json"), "utf8"))).toEqual({
      users: { "42": { communeCode: "16855", oldUnitCode: "16846" } },
    });
    const reopened = await openLowStore(dir);
    expect(await reopened.users.get(42)).toEqual({ communeCode: "16855", oldUnitCode: "16846" });
  });

  it("an update merges into the profile instead of replacing it", async () => {
    const store = await openLowStore(dir);
    await store.users.update(7, { communeCode: "20044" });
    await store.users.update(7, { locale: "en" });
    expect(await store.users.get(7)).toEqual({ communeCode: "20044", locale: "en" });
  });

  it("unanswered searches are appended one per line and read back by date", async () => {
    const store = await openLowStore(dir);
    await store.events.record({ at: "2026-10-30T10:00:00.000Z", kind: "unanswered", query: "giá vàng" });
    await store.events.record({
      at: "2026-11-02T10:00:00.000Z",
      kind: "unanswered",
      query: "mua vé tàu",
      communeCode: "16855",
    });
    const since = [];
    for await (const e of store.events.since(new Date("2026-11-01T00:00:00Z"))) since.push(e.query);
    expect(since).toEqual(["mua vé tàu"]);
  });
});

describe("A broken state file stops start-up with its name", () => {
  it("when users.json is cut short, opening the store names the file", async () => {
    await writeFile(join(dir, "users.json"), '{"users": {"42": {"communeCo');
    const error = await openLowStore(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateFileError);
    expect((error as StateFileError).file).toBe(join(dir, "users.json"));
    // Nothing was overwritten, and a copy is kept aside.
    expect(await readFile(join(dir, "users.json"), "utf8")).toBe('{"users": {"42": {"communeCo');
    const copies = (await readdir(dir)).filter((f) => f.startsWith("users.json.broken-"));
    expect(copies).toHaveLength(1);
    expect(await readFile(join(dir, copies[0] ?? ""), "utf8")).toBe('{"users": {"42": {"communeCo');
  });

  it("when an entry has a wrong field, the error names the entry and the field", async () => {
    await writeFile(join(dir, "users.json"), JSON.stringify({ users: { "42": { communeCode: "abc" } } }));
    const error = (await openLowStore(dir).catch((e: unknown) => e)) as StateFileError;
    expect([error.entry, error.field]).toEqual(["users.42", "communeCode"]);
  });
});

describe("A write the disk refuses changes nothing", () => {
  it("the profile in memory stays as it was on disk", async () => {
    const store = await openLowStore(dir);
    await store.users.update(1, { communeCode: "16855" });
    // The atomic write goes through a temporary file; a folder in its place makes it fail,
    // even for root (who ignores permissions).
    await mkdir(join(dir, ".users.json.tmp"));
    await expect(store.users.update(1, { communeCode: "20044" })).rejects.toThrow();
    expect(await store.users.get(1)).toEqual({ communeCode: "16855" });
    expect(JSON.parse(await readFile(join(dir, "users.json"), "utf8")).users["1"]).toEqual({ communeCode: "16855" });
  });
});

describe("Many chats changing one state file at once", () => {
  it("every change made while a write is under way is written, and read back after a restart", async () => {
    const store = await openLowStore(dir);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store.users.update(i + 1, { communeCode: "16855", locale: i % 2 ? "en" : "vi" }),
      ),
    );
    const again = await openLowStore(dir);
    for (let i = 1; i <= 50; i++)
      expect(await again.users.get(i)).toEqual({ communeCode: "16855", locale: i % 2 ? "vi" : "en" });
  });

  it("when the disk refuses the shared write, every change of it is refused and none stays in memory", async () => {
    const store = await openLowStore(dir);
    await store.users.update(1, { communeCode: "16855" });
    await mkdir(join(dir, ".users.json.tmp"));
    const results = await Promise.allSettled([2, 3, 4].map((id) => store.users.update(id, { communeCode: "20044" })));
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(await store.users.get(1)).toEqual({ communeCode: "16855" });
    for (const id of [2, 3, 4]) expect(await store.users.get(id)).toBeUndefined();
  });
});

describe("Recorded dossier look-ups", () => {
  const record = (at: string) => ({ at, code: "000.00.20.H40-250709-0001", found: true, user: "p1" });

  it("are kept one file per day and pruned by age, whole days at a time", async () => {
    const store = await openLowStore(dir);
    await store.lookups.record(record("2026-05-01T10:00:00.000Z"));
    await store.lookups.record(record("2026-05-27T10:00:00.000Z"));
    await store.lookups.record(record("2026-11-23T10:00:00.000Z"));
    await store.lookups.prune(new Date("2026-05-27T00:00:00.000Z"));
    const left = [];
    for await (const r of store.lookups.since(new Date("2026-01-01T00:00:00.000Z"))) left.push(r.at.slice(0, 10));
    expect(left).toEqual(["2026-05-27", "2026-11-23"]);
  });

  it("made by many chats at once are all kept, in order, each a whole line", async () => {
    const store = await openLowStore(dir);
    const times = Array.from(
      { length: 300 },
      (_, i) => `2026-11-23T10:00:${String(i % 60).padStart(2, "0")}.${String(i).padStart(3, "0")}Z`,
    );
    await Promise.all(times.map((at) => store.lookups.record(record(at))));
    const kept = [];
    for await (const r of store.lookups.since(new Date("2026-11-23T00:00:00.000Z"))) kept.push(r.at);
    expect(kept).toEqual(times);
  });
});

describe("Dialogues in progress", () => {
  it("are kept one file per chat, read back after a restart, and removed when they end", async () => {
    const store = await openLowStore(dir);
    await store.conversations.write("501", { v: 1, step: "born_at_facility" });
    await store.conversations.write("-100", { v: 1, step: "other chat" });
    expect((await readdir(join(dir, "conversations"))).sort()).toEqual(["-100.json", "501.json"]);
    const reopened = await openLowStore(dir);
    expect(await reopened.conversations.read("501")).toEqual({ v: 1, step: "born_at_facility" });
    expect(await reopened.conversations.read("999")).toBeUndefined();
    await reopened.conversations.delete("501");
    expect(await readdir(join(dir, "conversations"))).toEqual(["-100.json"]);
  });
});

describe("State is readable by the bot's own user only", () => {
  /** Every folder (ending in "/") and file under `root`, with its permission bits in octal. */
  async function modes(root: string): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const entry of [".", ...(await readdir(root, { recursive: true }))]) {
      const info = await stat(join(root, entry));
      found.set(`${entry}${info.isDirectory() ? "/" : ""}`, (info.mode & 0o777).toString(8));
    }
    return found;
  }

  it("a new STATE_DIR is 0700, and every folder in it 0700 and every file 0600 (documents, logs, conversations, lock, secret, inbox)", async () => {
    const stateDir = join(dir, "var");
    const store = await openLowStore(stateDir);
    await store.users.update(42, { communeCode: "16855" });
    await store.staff.grant({ userId: 7, communeCode: "16855", grantedBy: 1, grantedAt: "2026-11-30T00:00:00.000Z" });
    await store.notices.add({
      id: "n1",
      communeCode: "16855",
      text: "x",
      createdBy: 7,
      createdAt: "2026-11-30T01:00:00.000Z",
      status: "sending",
    });
    await store.deliveries.setRecipients("n1", [42]);
    await store.deliveries.record("n1", { chatId: 42, result: "sent", at: "2026-11-30T01:00:01.000Z" });
    await store.centerUpdates.set("16855", { address: "Bản Phà", updatedBy: 7, updatedAt: "2026-11-30T00:30:00.000Z" });
    await store.dossiers.applyReports([aReport()], new Date("2026-11-30T02:00:00.000Z"));
    await store.conversations.write("42", { state: 1 });
    await store.audit.record({ at: "2026-11-30T00:00:00.000Z", actor: 1, action: "grant" });
    await store.lookups.record({ at: "2026-11-30T00:00:00.000Z", code: REPORTED_CODE, found: true, user: "p" });
    await store.events.record({ at: "2026-11-30T00:00:00.000Z", kind: "search", query: "khai sinh" });
    await stateSecret(stateDir);
    const release = await claimStateDir(stateDir);
    // A bot runs on the folder: an import is queued in its inbox.
    const submit = await openDossierSubmitter({ stateDir });
    expect((await submit([aReport({ status: "done" })], new Date())).via).toBe("queued");
    await store.close();

    const found = await modes(stateDir);
    await release();
    expect([...found.keys()]).toEqual(
      expect.arrayContaining([
        "./",
        "users.json",
        "dossiers/16855/2026-11.json",
        "bot.pid",
        "lookup-secret",
        "inbox/",
        "conversations/42.json",
        "broadcasts/n1.ndjson",
        "events/2026-11-30.ndjson",
      ]),
    );
    expect([...found.keys()].filter((path) => path.startsWith("inbox/") && path.endsWith(".json"))).toHaveLength(1);
    for (const [path, mode] of found) expect(mode, path).toBe(path.endsWith("/") ? "700" : "600");
  });

  it("files an earlier version left readable to all are restricted when opened", async () => {
    await writeFile(join(dir, "users.json"), '{"users":{}}', { mode: 0o644 });
    await mkdir(join(dir, "events"));
    await writeFile(join(dir, "events", "2026-11-30.ndjson"), "", { mode: 0o644 });
    const store = await openLowStore(dir);
    await store.events.record({ at: "2026-11-30T00:00:00.000Z", kind: "search", query: "khai sinh" });
    await store.close();
    expect(((await stat(join(dir, "users.json"))).mode & 0o777).toString(8)).toBe("600");
    expect(((await stat(join(dir, "events", "2026-11-30.ndjson"))).mode & 0o777).toString(8)).toBe("600");
  });
});

describe("Dossiers at a center's scale: kept one file per commune and month, a follow or a delivery rewrites none", () => {
  const now = new Date("2026-11-30T03:00:00.000Z");
  /** Where aReport's dossier is kept: its commune, the month it was received. */
  const shardOf = (stateDir: string) => join(stateDir, "dossiers", "16855", "2026-11.json");

  it("following, unfollowing and delivering a notification leave the dossiers' files as they were, and a restart agrees", async () => {
    const store = await openLowStore(dir);
    await store.dossiers.applyReports([aReport()], now);
    await store.dossiers.subscribe(REPORTED_CODE, 501, "vi");
    await store.dossiers.subscribe(REPORTED_CODE, 502, "en");
    await store.dossiers.applyReports([aReport({ status: "needs_supplement" })], now);
    const written = await readFile(shardOf(dir), "utf8");
    const [first] = await store.dossiers.pendingNotifications();
    await store.dossiers.markDelivered(first?.id ?? "");
    await store.dossiers.unsubscribe(REPORTED_CODE, 502);
    await store.dossiers.subscribe(REPORTED_CODE, 503, "vi");
    expect(await readFile(shardOf(dir), "utf8")).toBe(written);
    const again = await openLowStore(dir);
    expect((await again.dossiers.pendingNotifications()).map((n) => n.chatId)).toEqual([502]);
    expect((await again.dossiers.followers()).map((f) => f.chatId)).toEqual([501, 503]);
  });

  it("an import touches only the files of the months it changes; a restart reads every dossier back", async () => {
    const store = await openLowStore(dir);
    const october = aReport({ code: "000.00.20.H40-251003-0001", receivedAt: "2026-10-03T02:00:00.000Z" });
    const otherCommune = aReport({ code: "000.00.20.H40-251104-0002", communeCode: "16858" });
    await store.dossiers.applyReports([aReport(), october, otherCommune], now);
    const octoberFile = join(dir, "dossiers", "16855", "2026-10.json");
    const before = { october: await readFile(octoberFile, "utf8"), november: await readFile(shardOf(dir), "utf8") };
    await store.dossiers.applyReports([aReport({ status: "done" }), october], now);
    expect(await readFile(octoberFile, "utf8")).toBe(before.october);
    expect(await readFile(shardOf(dir), "utf8")).not.toBe(before.november);
    expect(await readdir(join(dir, "dossiers"), { recursive: true })).toEqual(
      expect.arrayContaining(["16855/2026-10.json", "16855/2026-11.json", "16858/2026-11.json"]),
    );
    const again = await openLowStore(dir);
    expect(await again.dossiers.get(REPORTED_CODE)).toMatchObject({ status: "done" });
    expect(await again.dossiers.get(otherCommune.code)).toMatchObject({ communeCode: "16858" });
    const codes: string[] = [];
    for await (const d of again.dossiers.all()) codes.push(d.code);
    expect(codes.sort()).toEqual([october.code, otherCommune.code, REPORTED_CODE].sort());
  });

  it("a dossier whose received date changes stays in the file it was first kept in", async () => {
    const store = await openLowStore(dir);
    await store.dossiers.applyReports([aReport()], now);
    await store.dossiers.applyReports([aReport({ receivedAt: "2026-12-02T02:00:00.000Z", status: "done" })], now);
    expect(await readdir(join(dir, "dossiers", "16855"))).toEqual(["2026-11.json"]);
    expect(await (await openLowStore(dir)).dossiers.get(REPORTED_CODE)).toMatchObject({ status: "done" });
  });

  it("a commit of several files cut short before its journal leaves nothing; after it, the next start finishes it", async () => {
    const store = await openLowStore(dir);
    await store.dossiers.applyReports([aReport()], now);
    const folder = join(dir, "dossiers", "16855");
    const november = await readFile(join(folder, "2026-11.json"), "utf8");
    // Cut short before the journal: a staged file alone is left.
    await writeFile(join(folder, ".2026-11.json.dead.pending"), "{half a fi");
    expect(await (await openLowStore(dir)).dossiers.get(REPORTED_CODE)).toMatchObject({ status: "in_process" });
    expect(await readdir(folder)).toEqual(["2026-11.json"]);
    // Cut short after it: both staged files are renamed in at the next start.
    const done = JSON.parse(november);
    done.dossiers[REPORTED_CODE].status = "done";
    const october = { dossiers: { X1: { ...done.dossiers[REPORTED_CODE], code: "X1" } }, outbox: [] };
    await writeFile(join(folder, ".2026-11.json.cafe.pending"), JSON.stringify(done));
    await writeFile(join(folder, ".2026-10.json.cafe.pending"), JSON.stringify(october));
    await writeFile(
      join(dir, "dossiers", "commit.json"),
      JSON.stringify({
        renames: [
          ["16855/.2026-11.json.cafe.pending", "16855/2026-11.json"],
          ["16855/.2026-10.json.cafe.pending", "16855/2026-10.json"],
        ],
      }),
    );
    const again = await openLowStore(dir);
    expect(await again.dossiers.get(REPORTED_CODE)).toMatchObject({ status: "done" });
    expect(await again.dossiers.get("X1")).toMatchObject({ code: "X1" });
    expect(existsSync(join(dir, "dossiers", "commit.json"))).toBe(false);
  });

  it("the next change of a dossier takes delivered notifications out of its file's outbox for good", async () => {
    const store = await openLowStore(dir);
    await store.dossiers.applyReports([aReport()], now);
    await store.dossiers.subscribe(REPORTED_CODE, 501, "vi");
    await store.dossiers.applyReports([aReport({ status: "needs_supplement" })], now);
    const [delivered] = await store.dossiers.pendingNotifications();
    await store.dossiers.markDelivered(delivered?.id ?? "");
    await store.dossiers.applyReports([aReport({ status: "done" })], new Date("2026-12-01T03:00:00.000Z"));
    const onDisk = JSON.parse(await readFile(shardOf(dir), "utf8"));
    expect(onDisk.outbox.map((n: { status: string }) => n.status)).toEqual(["done"]);
    expect(JSON.parse(await readFile(join(dir, "dossier-notifications-delivered.json"), "utf8"))).toEqual({
      delivered: [],
    });
    expect((await (await openLowStore(dir)).dossiers.pendingNotifications()).map((n) => n.status)).toEqual(["done"]);
  });

  describe("a dossiers.json written by an earlier version (every dossier in one file)", () => {
    const queued = (code: string) => ({
      id: "q1",
      chatId: 501,
      dossierCode: code,
      status: "in_process",
      locale: "vi",
      queuedAt: now.toISOString(),
    });
    const followers = {
      [REPORTED_CODE]: [
        { chatId: 501, locale: "vi" },
        { chatId: 502, locale: "en" },
      ],
    };

    /** The file an earlier version wrote, with aReport's dossier and one of another month. */
    async function olderState() {
      const older = await openLowStore(dir);
      const october = aReport({ code: "000.00.20.H40-251003-0001", receivedAt: "2026-10-03T02:00:00.000Z" });
      await older.dossiers.applyReports([aReport(), october], now);
      const dossiers = {
        [REPORTED_CODE]: await older.dossiers.get(REPORTED_CODE),
        [october.code]: await older.dossiers.get(october.code),
      };
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir);
      await writeFile(
        join(dir, "dossiers.json"),
        JSON.stringify({ dossiers, followers, outbox: [queued(REPORTED_CODE)] }),
      );
      return dossiers;
    }

    it("is moved into files per commune and month at start-up, followers and outbox kept, the old file set aside", async () => {
      const dossiers = await olderState();
      const store = await openLowStore(dir);
      for (const [code, dossier] of Object.entries(dossiers)) expect(await store.dossiers.get(code)).toEqual(dossier);
      expect(await store.dossiers.followers()).toEqual([
        { code: REPORTED_CODE, chatId: 501, locale: "vi" },
        { code: REPORTED_CODE, chatId: 502, locale: "en" },
      ]);
      expect(await store.dossiers.pendingNotifications()).toEqual([queued(REPORTED_CODE)]);
      expect(existsSync(join(dir, "dossiers.json"))).toBe(false);
      expect((await readdir(dir)).filter((f) => f.startsWith("dossiers.json.migrated-"))).toHaveLength(1);
      expect(await readdir(join(dir, "dossiers", "16855"))).toEqual(["2026-10.json", "2026-11.json"]);
      expect(await (await openLowStore(dir)).dossiers.isSubscribed(REPORTED_CODE, 502)).toBe(true);
    });

    it("a restart in the middle of the move loses nothing: files half written are written again", async () => {
      const dossiers = await olderState();
      // The earlier start died after writing one month's file and staging another.
      await mkdir(join(dir, "dossiers", "16855"), { recursive: true });
      await writeFile(join(dir, "dossiers", "16855", "2026-11.json"), '{"dossiers":{},"outbox":[]}');
      await writeFile(join(dir, "dossiers", "16855", ".2026-10.json.dead.pending"), '{"doss');
      const store = await openLowStore(dir);
      for (const [code, dossier] of Object.entries(dossiers)) expect(await store.dossiers.get(code)).toEqual(dossier);
      expect(await store.dossiers.pendingNotifications()).toEqual([queued(REPORTED_CODE)]);
      const again = await openLowStore(dir);
      for (const [code, dossier] of Object.entries(dossiers)) expect(await again.dossiers.get(code)).toEqual(dossier);
    });
  });
});

describe("A state document under updates made one right after another", () => {
  it("writes an update made the moment the previous one resolved (it used to wait forever)", async () => {
    const doc = await new JsonDocument(join(dir, "followers.json"), z.object({ followers: z.array(z.number()) }), {
      followers: [],
    }).open();
    await doc.update((data) => void data.followers.push(501));
    await doc.update((data) => void data.followers.push(502));
    expect(JSON.parse(await readFile(join(dir, "followers.json"), "utf8"))).toEqual({ followers: [501, 502] });
  });
});
