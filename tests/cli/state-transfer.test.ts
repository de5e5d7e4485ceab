import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { BotStore } from "../../src/store/bot-storage.ts";
import { openLowStore } from "../../src/store/lowdb/index.ts";
import { exportState } from "../../src/store/transfer.ts";
import { aReport, REPORTED_CODE } from "../support/dossier-report.ts";
import { freshDatabase, TEST_DATABASE_URL } from "../support/postgres.ts";
import { tempDirsPerTest } from "../support/temp-dirs.ts";
import { runCli } from "./run-cli.ts";

const tempDir = tempDirsPerTest("transfer");

/** A deployment with some of everything: residents, staff, a notice half sent, a followed dossier... */
async function deploymentWithState(stateDir: string): Promise<void> {
  const store = await openLowStore(stateDir);
  await store.users.update(501, { communeCode: "16855", notices: true, locale: "en" });
  await store.users.update(502, { communeCode: "16855", oldUnitCode: "17230", inactive: true });
  await store.staff.grant({ userId: 7, communeCode: "16855", grantedBy: 1, grantedAt: "2026-11-30T00:00:00.000Z" });
  await store.notices.add({
    id: "n1",
    communeCode: "16855",
    text: "Trung tâm chuyển về Bản Phà",
    createdBy: 7,
    createdAt: "2026-11-30T01:00:00.000Z",
    status: "sending",
  });
  await store.deliveries.setRecipients("n1", [501, 503]);
  await store.deliveries.record("n1", { chatId: 501, result: "sent", at: "2026-11-30T01:00:01.000Z" });
  await store.centerUpdates.set("16855", { address: "Bản Phà", updatedBy: 7, updatedAt: "2026-11-30T00:30:00.000Z" });
  await store.postedLists.set({
    commune: "16855",
    source: "danh-muc.xlsx",
    importedAt: "2026-11-30T00:40:00.000Z",
    procedures: [{ code: "1.001193" }],
    uncatalogued: [],
  });
  await store.dossiers.applyReports([aReport()], new Date("2026-11-30T02:00:00.000Z"));
  await store.dossiers.subscribe(REPORTED_CODE, 501, "en");
  await store.dossiers.applyReports(
    [aReport({ status: "needs_supplement", missing: ["Giấy chứng sinh"] })],
    new Date("2026-11-30T03:00:00.000Z"),
  );
  await store.conversations.write("504", { version: [1, 0], state: { checklist: [{ args: "1.001193" }] } });
  await store.audit.record({ at: "2026-11-30T00:00:00.000Z", actor: 1, action: "grant", communeCode: "16855" });
  await store.lookups.record({ at: "2026-11-29T10:00:00.000Z", code: REPORTED_CODE, found: true, user: "p1" });
  await store.events.record({
    at: "2026-11-30T04:00:00.000Z",
    kind: "unanswered",
    query: "mua vé tàu",
    communeCode: "16855",
  });
  await store.close();
}

/** Everything a store holds, in a comparable form: items with their keys sorted, in sorted order. */
async function contents(store: BotStore): Promise<string[]> {
  const items: string[] = [];
  for await (const item of exportState(store)) items.push(canonical(item));
  await store.close();
  return items.sort();
}
const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(",")}]`
    : value && typeof value === "object"
      ? `{${Object.keys(value)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
          .join(",")}}`
      : JSON.stringify(value);

describe("Moving a deployment's state between stores", () => {
  it("exports everything with counts, and imports it into an empty store with the same counts", async () => {
    const from = await tempDir();
    const to = await tempDir();
    const file = join(await tempDir(), "state.ndjson");
    await deploymentWithState(from);
    const exported = await runCli(["state", "export", "--out", file], { STATE_DIR: from });
    expect(exported.stdout).toContain(
      "1 audit, 1 center, 1 conversation, 1 dossier, 1 event, 1 follower, 1 lookup, 1 notice, 1 notification, 1 posted, 1 staff, 2 user",
    );
    const imported = await runCli(["state", "import", file], { STATE_DIR: to });
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(
      "the store now holds: 1 audit, 1 center, 1 conversation, 1 dossier, 1 event, 1 follower, 1 lookup, 1 notice, 1 notification, 1 posted, 1 staff, 2 user",
    );
    expect(await contents(await openLowStore(to))).toEqual(await contents(await openLowStore(from)));
  });

  it("skips a broken conversation file with a warning and a count, and exports all the rest", async () => {
    const from = await tempDir();
    const file = join(await tempDir(), "state.ndjson");
    await deploymentWithState(from);
    await writeFile(join(from, "conversations", "505.json"), '{"state":');
    const exported = await runCli(["state", "export", "--out", file], { STATE_DIR: from });
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(
      "1 audit, 1 center, 1 conversation, 1 dossier, 1 event, 1 follower, 1 lookup, 1 notice, 1 notification, 1 posted, 1 staff, 2 user",
    );
    expect(exported.stderr).toContain("warning: conversation 505 skipped");
    expect(exported.stderr).toContain("warning: 1 broken conversation file(s) skipped");
  });

  it("refuses to import into a store that holds state, and names a line that is not an export's", async () => {
    const from = await tempDir();
    const file = join(await tempDir(), "state.ndjson");
    await deploymentWithState(from);
    await runCli(["state", "export", "--out", file], { STATE_DIR: from });
    const again = await runCli(["state", "import", file], { STATE_DIR: from });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already holds state");
    const broken = join(await tempDir(), "broken.ndjson");
    await writeFile(broken, '{"kind":"user","id":1,"profile":{}}\nnot json\n');
    const bad = await runCli(["state", "import", broken], { STATE_DIR: await tempDir() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("line 2: not JSON");
  });

  it.skipIf(!TEST_DATABASE_URL)("moves lowdb state to PostgreSQL and back, nothing lost", async () => {
    const database = await freshDatabase(TEST_DATABASE_URL as string);
    try {
      const from = await tempDir();
      const back = await tempDir();
      const one = join(await tempDir(), "to-postgres.ndjson");
      const two = join(await tempDir(), "back.ndjson");
      await deploymentWithState(from);
      await runCli(["state", "export", "--out", one], { STATE_DIR: from });
      expect((await runCli(["state", "import", one], { DATABASE_URL: database.url })).code).toBe(0);
      await runCli(["state", "export", "--out", two], { DATABASE_URL: database.url });
      expect((await runCli(["state", "import", two], { STATE_DIR: back })).code).toBe(0);
      expect(await contents(await openLowStore(back))).toEqual(await contents(await openLowStore(from)));
    } finally {
      await database.drop();
    }
  });
});
