import { appendFile, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.ts";
import { botPerTest, type TestUser, textsOf } from "../support/bot-harness.ts";
import { capturedLogger } from "../support/log-capture.ts";

const officer: TestUser = { id: 9502, first_name: "Cán bộ", language_code: "vi" };
const resident: TestUser = { id: 9503, first_name: "Dân", language_code: "vi" };

describe("A staff member reads the center's statistics", () => {
  const bots = botPerTest();

  it("sees a chart and the unanswered questions of their commune; the terminal gives the same figures", async () => {
    const b = await bots.start();
    await b.grantStaff(officer, "20044");
    await b.say(resident, "/start");
    await b.say(resident, "A Lưới 2");
    await b.say(resident, "khai sinh");
    await b.tapLabel(resident, "Đăng ký khai sinh");
    await b.say(resident, "mua vé tàu");
    await b.say(resident, "Mua vé tàu");
    await b.say(resident, "000.00.20.H40-250709-0077");

    const calls = await b.say(officer, "/stats");
    const photo = calls.find((c) => c.method === "sendPhoto");
    expect(photo?.response?.ok).toBe(true);
    expect(String(photo?.payload.photo)).toMatch(/^uploaded:/);
    expect(photo?.payload.caption).toContain("lượt tìm thủ tục");
    const text = textsOf(calls)[0] ?? "";
    expect(text).toContain("📊 <b>Thống kê Xã A Lưới 2</b>");
    expect(text).toContain(
      "<b>7 ngày qua:</b> 3 lượt tìm thủ tục, 0 danh sách giấy tờ đã lập; tra cứu hồ sơ: 0 tìm thấy, 1 không thấy.",
    );
    expect(text).toContain("• mua vé tàu (2)");
    expect(text).toContain("• Đăng ký khai sinh (1)");

    const { code, stdout } = await runCli(["stats", "--commune", "20044", "--json"], { STATE_DIR: b.stateDir });
    expect(code).toBe(0);
    const figures = JSON.parse(stdout);
    expect(figures.last7.unansweredQueries).toEqual([{ query: "mua vé tàu", count: 2 }]);
    expect(figures.last30.lookups).toEqual({ found: 0, notFound: 1 });
  });

  it("sees what residents ask without their phone numbers, ids, e-mails or codes; neither do the logs nor the files", async () => {
    const logs = capturedLogger("info");
    const b = await bots.startWith({ logger: logs.logger });
    await b.grantStaff(officer, "20044");
    // Recorded whole by an earlier version: shown redacted all the same.
    await b.services.store.events.record({
      at: new Date().toISOString(),
      kind: "unanswered",
      query: "gọi lại 0987 654 321",
      communeCode: "20044",
    });
    await b.services.store.users.update(resident.id, { communeCode: "20044" });
    await b.say(resident, "Tran Thi Hoa 0912345678 mua vé tàu");
    await b.say(resident, "mua vé tàu cho CCCD 001099012345, báo qua hoa.tran@gmail.com");
    await b.say(resident, "hỏi hồ sơ 000.00.20.H40-250709-0077 xin cấp lại vé tàu");

    const secrets = ["0912345678", "001099012345", "hoa.tran@gmail.com", "H40-250709-0077", "0987 654 321"];
    const shown = textsOf(await b.say(officer, "/stats"))[0] ?? "";
    expect(shown).toContain("• Tran Thi Hoa [phone] mua vé tàu (1)");
    expect(shown).toContain("• mua vé tàu cho CCCD [id], báo qua [email] (1)");
    expect(shown).toContain("• hỏi hồ sơ [code] xin cấp lại vé tàu (1)");
    expect(shown).toContain("• gọi lại [phone] (1)");
    const { stdout } = await runCli(["stats", "--commune", "20044"], { STATE_DIR: b.stateDir });
    expect(stdout).toContain("Tran Thi Hoa [phone] mua vé tàu (1)");
    const dir = join(b.stateDir, "events");
    const stored = (await Promise.all((await readdir(dir)).map((f) => readFile(join(dir, f), "utf8")))).join("");
    const log = logs.text();
    expect(log).toContain("unanswered search");
    for (const secret of secrets.slice(0, 4)) {
      for (const where of [shown, stdout, stored, log]) expect(where).not.toContain(secret);
    }
  });

  it("still sees the figures when a log line was torn by a crash, and is told how many lines were skipped", async () => {
    const b = await bots.start();
    await b.grantStaff(officer, "20044");
    const at = new Date().toISOString();
    await b.services.store.events.record({ at, kind: "unanswered", query: "mua vé tàu", communeCode: "20044" });
    await appendFile(join(b.stateDir, "events", `${at.slice(0, 10)}.ndjson`), `{"at":"${at}","qu{"x":1}\n[1,2]\n`);
    await b.services.store.events.record({ at, kind: "unanswered", query: "mua vé tàu", communeCode: "20044" });

    const shown = textsOf(await b.say(officer, "/stats"))[0] ?? "";
    expect(shown).toContain("• mua vé tàu (2)");
    expect(shown).toContain("⚠️ 2 dòng trong nhật ký không đọc được");
    const { code, stdout } = await runCli(["stats", "--commune", "20044"], { STATE_DIR: b.stateDir });
    expect(code).toBe(0);
    expect(stdout).toContain("mua vé tàu (2)");
    expect(stdout).toContain("2 unreadable line(s) in the usage and look-up logs skipped");
  });

  it("staff of another commune only see their own; a citizen is refused", async () => {
    const b = await bots.start();
    expect(textsOf(await b.say(resident, "/stats"))[0]).toBe(
      "Xin lỗi, lệnh này chỉ dành cho cán bộ trung tâm được cấp quyền.",
    );
    await b.grantStaff(officer, "16855");
    const text = textsOf(await b.say(officer, "/stats"))[0] ?? "";
    expect(text).toContain("Thống kê Xã Chiêu Lưu");
    expect(b.api.calls.some((c) => c.method === "sendPhoto" && c.payload.chat_id === resident.id)).toBe(false);
  });

  it("sees which list the center posts; without an imported list, that the national one is used", async () => {
    const b = await bots.start();
    await b.grantStaff(officer, "20044");
    const text = textsOf(await b.say(officer, "/posted"))[0] ?? "";
    expect(text).toMatch(
      /^📋 <b>Xã A Lưới 2<\/b> chưa nhập danh sách thủ tục niêm yết riêng; bot dùng danh mục chung cấp xã \(\d+ thủ tục\)/,
    );
    expect(textsOf(await b.say(resident, "/posted"))[0]).toBe(
      "Xin lỗi, lệnh này chỉ dành cho cán bộ trung tâm được cấp quyền.",
    );
  });
});
