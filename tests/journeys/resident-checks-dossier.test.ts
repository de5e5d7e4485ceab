import { readdir, readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDossierSubmitter } from "../../src/store/dossier-submit.ts";
import { type BotHarness, botPerTest, type TestUser, textsOf } from "../support/bot-harness.ts";
import { aReport, REPORTED_CODE } from "../support/dossier-report.ts";

const CODE = REPORTED_CODE;

async function lookupsRecorded(stateDir: string): Promise<Record<string, unknown>[]> {
  const dir = join(stateDir, "lookups");
  const files = await readdir(dir);
  const text = (await Promise.all(files.map((f) => readFile(join(dir, f), "utf8")))).join("");
  return text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

/** Waits until the background jobs have run a full round (imports applied, notifications sent). */
const settle = (bot: BotHarness) => bot.background.runOnce();

describe("A resident checks a dossier by its code", () => {
  const bots = botPerTest();
  const start = bots.start;
  let server: Server | undefined;
  afterEach(() => {
    server?.close();
    server = undefined;
  });

  it("pastes a code, reads the status card, follows it, and is told once when an import changes it", async () => {
    const b = await start();
    await b.services.store.dossiers.applyReports([aReport()], new Date());
    const resident: TestUser = { id: 801, first_name: "An", language_code: "vi" };

    const card = textsOf(await b.say(resident, ` ${CODE.toLowerCase().replace(/-/g, " - ")} `))[0] ?? "";
    expect(card).toContain(`Hồ sơ ${CODE}`);
    expect(card).toContain("Thủ tục: Đăng ký khai sinh");
    expect(card).toContain("Người nộp: N*** V** A");
    expect(card).not.toContain("Nguyễn Văn An");
    expect(card).toContain("Nơi nộp: Trung tâm Phục vụ hành chính công xã Chiêu Lưu");
    expect(card).toContain("Ngày hẹn trả: <b>01/12/2030</b>");
    expect(card).toContain("Trạng thái: <b>Đang xử lý</b>");
    expect(card).toContain("👉 Cán bộ đang giải quyết.");

    const follow = await b.tapLabel(resident, "Báo tôi khi có thay đổi");
    expect(follow.find((c) => c.method === "answerCallbackQuery")?.payload.text).toContain("Đã bật");
    expect(await b.services.store.dossiers.isSubscribed(CODE, resident.id)).toBe(true);

    // The center's export is imported from the command line while the bot runs.
    const submit = await openDossierSubmitter({ stateDir: b.stateDir });
    expect(await submit([aReport({ status: "done" })], new Date())).toEqual({ outcomes: ["updated"], via: "queued" });
    const from = b.api.calls.length;
    await settle(b);
    const told = textsOf(b.api.calls.slice(from));
    expect(told).toEqual([
      [
        `🔔 Hồ sơ <b>${CODE}</b> đã chuyển sang: <b>Đã có kết quả</b>.`,
        "👉 Kết quả đã có. Bạn đến quầy trả kết quả, mang giấy biên nhận và căn cước.",
        "📍 Nơi nhận kết quả: Trung tâm Phục vụ hành chính công xã Chiêu Lưu, Trụ sở UBND xã Chiêu Lưu (trụ sở của xã Chiêu Lưu cũ), xã Chiêu Lưu",
        "Giờ làm việc: Thứ Hai - Thứ Sáu, 7:30-11:30 và 13:30-17:00 (giờ mẫu, chưa xác minh)",
      ].join("\n"),
    ]);

    // The same file again changes nothing and tells nobody.
    expect((await submit([aReport({ status: "done" })], new Date())).outcomes).toEqual(["unchanged"]);
    await settle(b);
    await settle(b);
    expect(textsOf(b.api.calls.slice(from))).toHaveLength(1);
  });

  it("in English, a moved appointment and days overdue are shown", async () => {
    const b = await start();
    await b.services.store.dossiers.applyReports([aReport({ due: "2026-10-01T10:00:00.000Z" })], new Date());
    await b.services.store.dossiers.applyReports(
      [aReport({ due: "2026-11-01T10:00:00.000Z", note: "Waiting for a survey" })],
      new Date(),
    );
    const john: TestUser = { id: 802, first_name: "John", language_code: "en" };
    const card = textsOf(await b.say(john, `/status ${CODE}`))[0] ?? "";
    expect(card).toContain("Status: <b>In process</b>");
    expect(card).toContain("Result due on: <b>01/11/2026</b>");
    expect(card).toContain("The date was moved from 01/10/2026");
    expect(card).toContain("Why it was moved: Waiting for a survey");
    expect(card).toMatch(/⏰ \d+ days past the due date/);
  });

  it("a malformed code gets the right shape and is not a look-up; an unknown code is recorded under a pseudonym", async () => {
    const b = await start();
    const user: TestUser = { id: 803, first_name: "Bình", language_code: "vi" };
    expect(textsOf(await b.say(user, "000.00.20.H40-250709-001"))[0]).toContain("000.00.53.H48-220921-0099");
    expect(textsOf(await b.say(user, "/status 000.00.20.H40-250709-9999"))[0]).toContain("Không tìm thấy hồ sơ nào");
    const records = await lookupsRecorded(b.stateDir);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ code: "000.00.20.H40-250709-9999", found: false });
    expect(JSON.stringify(records)).not.toContain(String(user.id));
  });

  it("after /status the next message is the code, not a search: a malformed one shows the shape, an unknown one points to the national portal", async () => {
    const b = await start();
    await b.services.store.dossiers.applyReports([aReport()], new Date());
    const user: TestUser = { id: 807, first_name: "Lan", language_code: "en" };
    expect(textsOf(await b.say(user, "/status"))[0]).toContain("000.00.53.H48-220921-0099");
    expect(textsOf(await b.say(user, "khai sinh"))[0]).toBe(
      'That is not a dossier code. A code looks like: <code>000.00.53.H48-220921-0099</code> (printed on your receipt as "Mã hồ sơ").',
    );
    await b.say(user, "/status");
    const unknown = textsOf(await b.say(user, "000.00.20.H40-250709-0777"))[0] ?? "";
    expect(unknown).toContain("Please check your receipt.");
    expect(unknown).toContain("National Public Service Portal: https://dichvucong.gov.vn");
    await b.say(user, "/status");
    expect(textsOf(await b.say(user, CODE))[0]).toContain("Status: <b>In process</b>");
    // The question is answered once: what follows is an ordinary message again.
    expect(textsOf(await b.say(user, "khai sinh")).join("\n")).not.toContain("not a dossier code");
  });

  it("after 5 unknown codes in 10 minutes, the resident is told how long to wait", async () => {
    const b = await start();
    const user: TestUser = { id: 804, first_name: "Cường", language_code: "vi" };
    for (let i = 1; i <= 5; i++) await b.say(user, `000.00.20.H40-250709-900${i}`);
    await b.services.store.dossiers.applyReports([aReport()], new Date());
    const answer = textsOf(await b.say(user, CODE))[0];
    expect(answer).toBe(
      "Nhiều mã không tìm thấy trong thời gian ngắn. Để bảo vệ thông tin của người dân, bạn vui lòng đợi 15 phút rồi thử lại.",
    );
  });

  it("a guesser who slips in their own code, then waits for a restart, is still told to wait", async () => {
    const first = await start();
    await first.services.store.dossiers.applyReports([aReport()], new Date());
    const user: TestUser = { id: 807, first_name: "Khánh", language_code: "vi" };
    for (let i = 1; i <= 4; i++) await first.say(user, `000.00.20.H40-250709-900${i}`);
    expect(textsOf(await first.say(user, CODE))[0]).toContain("Trạng thái: <b>Đang xử lý</b>");
    await first.say(user, "000.00.20.H40-250709-9005");
    const again = await bots.restart(first);
    expect(textsOf(await again.say(user, "000.00.20.H40-250709-9006"))[0]).toContain("vui lòng đợi 15 phút");
  });

  it("where receipts carry a look-up key, nothing is shown without the right one", async () => {
    const b = await start({ DOSSIER_LOOKUP_KEY: "required" });
    await b.services.store.dossiers.applyReports([aReport({ lookupKey: "K7Q2" })], new Date());
    const user: TestUser = { id: 805, first_name: "Dung", language_code: "vi" };
    expect(textsOf(await b.say(user, CODE))[0]).toContain("mã tra cứu");
    expect(textsOf(await b.say(user, "AAAA"))[0]).toContain("Không tìm thấy hồ sơ nào");
    await b.say(user, CODE);
    expect(textsOf(await b.say(user, "k7q2"))[0]).toContain("Trạng thái: <b>Đang xử lý</b>");
  });

  it("a change queued before a graceful restart is delivered once, after it", async () => {
    const first = await start();
    await first.services.store.dossiers.applyReports([aReport()], new Date());
    const user: TestUser = { id: 806, first_name: "Hải", language_code: "vi" };
    await first.say(user, CODE);
    await first.tapLabel(user, "Báo tôi");
    // The change lands while the bot is stopping: queued in the store, not yet sent.
    await first.background.stop();
    await first.services.store.dossiers.applyReports(
      [aReport({ status: "needs_supplement", missing: ["Giấy chứng sinh"] })],
      new Date(),
    );
    // Counted from before the restart: the new bot may send it while still starting.
    const from = first.api.calls.length;
    const again = await bots.restart(first);
    await settle(again);
    await settle(again);
    const told = textsOf(again.api.calls.slice(from));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain("Cần bổ sung giấy tờ");
    expect(await again.services.store.dossiers.pendingNotifications()).toEqual([]);
  });

  it("asks the provincial system for codes it does not know, and says kindly when that system is down", async () => {
    const record = {
      "Mã hồ sơ": "000.00.20.H40-250709-0042",
      "Chủ hồ sơ": "Vi Văn Tám",
      "Ngày tiếp nhận": "20/11/2026",
      "Ngày hẹn trả": "01/12/2030",
      "Trạng thái": "4",
      "Mã xã": "16855",
    };
    server = createServer((req, res) => {
      const found = req.url === `/hoso/${encodeURIComponent(record["Mã hồ sơ"])}`;
      res.writeHead(found ? 200 : 404, { "content-type": "application/json" });
      res.end(found ? JSON.stringify({ data: record }) : "{}");
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    const b = await start({ DOSSIER_API_URL: `http://127.0.0.1:${port}/hoso/{code}`, DOSSIER_API_TIMEOUT_MS: "1000" });
    const user: TestUser = { id: 807, first_name: "Tám", language_code: "vi" };

    const card = textsOf(await b.say(user, record["Mã hồ sơ"]))[0] ?? "";
    expect(card).toContain("Người nộp: V* V** T");
    expect(card).toContain("Trạng thái: <b>Đang xử lý</b>");
    expect(textsOf(await b.say(user, "000.00.20.H40-250709-0043"))[0]).toMatch(
      /^Không tìm thấy hồ sơ nào với mã và thông tin bạn gửi\. Bạn kiểm tra lại giấy biên nhận nhé\.\n.*https:\/\/dichvucong\.gov\.vn/,
    );

    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    const down = textsOf(await b.say(user, "000.00.20.H40-250709-0044"))[0] ?? "";
    expect(down).toContain("Hệ thống một cửa của tỉnh đang không trả lời");
    // What we already know is still shown when the province's system is down.
    expect(textsOf(await b.say(user, record["Mã hồ sơ"]))[0]).toContain("Trạng thái: <b>Đang xử lý</b>");
  });
});
