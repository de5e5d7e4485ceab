import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BotHarness, botPerTest, type TestUser, textsOf } from "../support/bot-harness.ts";
import { aReport, REPORTED_CODE } from "../support/dossier-report.ts";
import { freshDatabase, TEST_DATABASE_URL } from "../support/postgres.ts";

/**
 * With DATABASE_URL set, the same bot keeps its state in PostgreSQL: a citizen's commune and
 * checklist, a resident's followed dossier, survive a restart, and nothing is written to the
 * embedded store's files. Runs when TEST_DATABASE_URL is set.
 */
describe.skipIf(!TEST_DATABASE_URL)("With DATABASE_URL, the bot keeps its state in PostgreSQL", () => {
  const { start, restart } = botPerTest();
  let drop: (() => Promise<void>) | undefined;
  let databaseUrl = "";
  afterEach(async () => {
    await drop?.();
    drop = undefined;
  });
  const startOnPostgres = async () => {
    const database = await freshDatabase(TEST_DATABASE_URL as string);
    drop = database.drop;
    databaseUrl = database.url;
    return start({ DATABASE_URL: database.url });
  };

  it("a citizen's commune and a checklist in progress survive a restart", async () => {
    const first = await startOnPostgres();
    const user: TestUser = { id: 9101, first_name: "Mai", language_code: "vi" };
    await first.say(user, "/start");
    await first.say(user, "Chiêu Lưu");
    await first.say(user, "khai sinh");
    await first.tapLabel(user, "Đăng ký khai sinh");
    await first.tapLabel(user, "Lập danh sách giấy tờ");
    await first.tapLabel(user, "Có");
    const again = await restart(first);
    expect(textsOf(await again.tapLabel(user, "Không")).at(-1)).toContain("Câu 3/3");
    const done = await again.tapLabel(user, "Chưa, trong 60 ngày");
    expect(textsOf(done).find((t) => t.startsWith("📋"))).toContain("Giấy chứng sinh do cơ sở y tế cấp");
    expect(done.some((c) => c.method === "sendVenue")).toBe(true);
    expect(await again.services.store.users.get(user.id)).toMatchObject({ communeCode: "16855" });
    expect(existsSync(join(again.stateDir, "users.json"))).toBe(false);
    expect(existsSync(join(again.stateDir, "conversations"))).toBe(false);
  });

  it("a resident follows a dossier and is told once of its change, after a restart", async () => {
    const first = await startOnPostgres();
    await first.services.store.dossiers.applyReports([aReport()], new Date());
    const user: TestUser = { id: 9102, first_name: "Páo", language_code: "vi" };
    expect(textsOf(await first.say(user, REPORTED_CODE))[0]).toContain("Đang xử lý");
    await first.tapLabel(user, "Báo tôi");
    await first.background.stop();
    await first.services.store.dossiers.applyReports(
      [aReport({ status: "needs_supplement", missing: ["Giấy chứng sinh"] })],
      new Date(),
    );
    const from = first.api.calls.length;
    const again = await restart(first);
    await again.background.runOnce();
    await again.background.runOnce();
    const told = textsOf(again.api.calls.slice(from));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain("Cần bổ sung giấy tờ");
    expect(await again.services.store.dossiers.pendingNotifications()).toEqual([]);
  });

  it("a posted list and a center move staff make through one instance show on another without a restart", async () => {
    const first = await startOnPostgres();
    const other = await BotHarness.start({ env: { DATABASE_URL: databaseUrl } });
    try {
      const officer: TestUser = { id: 9103, first_name: "Cán bộ", language_code: "vi" };
      await first.grantStaff(officer, "16855");
      const csv = "STT,Mã TTHC,Ghi chú\n1,1.001193,Nộp tại quầy số 2\n";
      await first.sendDocument(officer, { name: "niem-yet.csv", content: new TextEncoder().encode(csv) });
      await first.services.store.centerUpdates.set("16855", {
        address: "Bản Phà, xã Chiêu Lưu",
        updatedBy: officer.id,
        updatedAt: new Date().toISOString(),
      });
      expect([...first.services.catalog.postedCodes("16855")]).toEqual(["1.001193"]);
      // The other instance looks for staff changes every 30 background rounds (here 50 ms each).
      await vi.waitFor(() => expect([...other.services.catalog.postedCodes("16855")]).toEqual(["1.001193"]), {
        timeout: 10_000,
        interval: 100,
      });
      expect(other.services.catalog.communes.get("16855")?.center?.address).toBe("Bản Phà, xã Chiêu Lưu");
    } finally {
      await other.stop();
      await other.removeState();
    }
  });
});
