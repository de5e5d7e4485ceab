import { afterEach, describe, expect, it } from "vitest";
import { BotHarness, type TestUser } from "../support/bot-harness.ts";
import { capturedLogger } from "../support/log-capture.ts";

describe("Logs of an end-to-end run", () => {
  let bot: BotHarness | undefined;
  afterEach(async () => {
    await bot?.stop();
    await bot?.removeState();
  });

  it("never contain applicant names, raw ids of citizens, whole message texts or tokens", async () => {
    const logs = capturedLogger("trace");
    bot = await BotHarness.start({ logger: logs.logger });
    const b = bot;
    const citizen: TestUser = { id: 987_654_321, first_name: "Riêng Tư", language_code: "vi" };
    const longQuery = "tôi muốn hỏi về việc mua vé tàu hỏa đi thành phố Hồ Chí Minh vào dịp Tết năm nay";
    await b.services.store.dossiers.applyReports(
      [
        {
          code: "000.00.20.H40-250709-0005",
          communeCode: "16855",
          applicantName: "Nguyễn Thị Bí Mật",
          receivedAt: "2026-11-20T02:00:00.000Z",
          status: "in_process",
        },
      ],
      new Date(),
    );
    await b.say(citizen, "/start");
    await b.say(citizen, "Chiêu Lưu");
    await b.say(citizen, longQuery);
    await b.say(citizen, "000.00.20.H40-250709-0005");
    // A reply Telegram refuses: the error (with its request payload) is logged.
    b.api.failNext("sendMessage", { error_code: 400, description: "Bad Request: chat not found" });
    await b.say(citizen, "khai sinh");

    const log = logs.text();
    expect(log).toContain("update handled");
    expect(log).toContain('"code":400');
    expect(log).not.toContain(String(citizen.id));
    expect(log).not.toContain("Nguyễn Thị Bí Mật");
    expect(log).not.toContain(longQuery);
    expect(log).not.toContain(b.api.token);
    expect(log).not.toContain("Riêng Tư");
  });
});
