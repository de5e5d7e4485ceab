import { describe, expect, it } from "vitest";
import { type BotHarness, botPerTest, type TestUser, textsOf } from "../support/bot-harness.ts";

const officer: TestUser = { id: 9102, first_name: "Cán bộ", language_code: "vi" };
const hongBac = [9201, 9202]; // picked old Hồng Bắc (20065) when choosing A Lưới 2
const aNgo = [9203]; // picked old A Ngo (20068)
const anyone = [9204]; // picked A Lưới 2 by its name
const noNotices = [9205]; // declined notices

async function residents(b: BotHarness) {
  const users = b.services.store.users;
  for (const id of hongBac) await users.update(id, { communeCode: "20044", oldUnitCode: "20065", notices: true });
  for (const id of aNgo) await users.update(id, { communeCode: "20044", oldUnitCode: "20068", notices: true });
  for (const id of anyone) await users.update(id, { communeCode: "20044", notices: true });
  for (const id of noNotices) await users.update(id, { communeCode: "20044", notices: false });
}

/** Every notice (text or photo) each resident received; the staff member's preview is not counted. */
function received(b: BotHarness, from: number) {
  const byChat = new Map<number, string[]>();
  for (const c of b.api.calls.slice(from)) {
    if (!["sendMessage", "sendPhoto"].includes(c.method) || c.response?.ok !== true) continue;
    const text = String(c.payload.text ?? c.payload.caption);
    if (!text.startsWith("📢") || Number(c.payload.chat_id) === officer.id) continue;
    byChat.set(Number(c.payload.chat_id), [...(byChat.get(Number(c.payload.chat_id)) ?? []), text]);
  }
  return byChat;
}

describe("A staff member broadcasts a notice", () => {
  const bots = botPerTest();

  it("to the residents of an old commune: preview, confirm, each gets it once, progress and report, audited", async () => {
    const b = await bots.start();
    await b.grantStaff(officer, "20044");
    await residents(b);

    expect(textsOf(await b.say(officer, "/broadcast"))[0]).toContain("Bạn soạn thông báo");
    await b.say(officer, "Trung tâm chuyển đến 195 Hồ Chí Minh từ ngày 1/12 & mở cửa sáng thứ Bảy.");
    await b.tapLabel(officer, "Không, tiếp tục");
    await b.tapLabel(officer, "Chỉ người dân một số xã cũ");
    await b.tapLabel(officer, "Xã Hồng Bắc");
    expect(
      b.api
        .lastKeyboard(officer.id)
        ?.buttons.flat()
        .map((x) => x.text),
    ).toContain("✓ Xã Hồng Bắc");
    const preview = textsOf(await b.tapLabel(officer, "Xong"));
    expect(preview).toEqual([
      "👀 Xem trước — người dân sẽ nhận đúng như sau:",
      "📢 <b>Thông báo của Xã A Lưới 2</b>\n\nTrung tâm chuyển đến 195 Hồ Chí Minh từ ngày 1/12 &amp; mở cửa sáng thứ Bảy.",
      "Sẽ gửi cho <b>2</b> người đã đăng ký nhận thông báo (người dân các xã cũ: Xã Hồng Bắc).",
    ]);
    expect(received(b, 0).size).toBe(0);

    const from = b.api.calls.length;
    await b.tapLabel(officer, "Gửi");
    const [notice] = await b.services.store.notices.latest("20044", 1);
    const report = await b.broadcasts.run(notice!);
    expect(report).toMatchObject({ total: 2, sent: 2, blocked: 0, failed: 0, done: true });
    const got = received(b, from);
    expect([...got.keys()].sort()).toEqual(hongBac);
    for (const messages of got.values()) expect(messages).toHaveLength(1);
    const progress = b.api.messagesTo(officer.id).at(-1);
    expect(progress?.text).toBe("✅ Đã gửi xong: 2/2 người nhận; 0 người đã chặn bot; 0 lỗi.");

    const audit = [];
    for await (const e of b.services.store.audit.since(new Date(0))) audit.push(e);
    expect(audit).toEqual([
      expect.objectContaining({ actor: officer.id, action: "broadcast.send", communeCode: "20044" }),
    ]);
    const resident: TestUser = { id: anyone[0] ?? 0, first_name: "Dân", language_code: "vi" };
    expect(textsOf(await b.say(resident, "/notices"))[0]).toContain("Trung tâm chuyển đến");
  });

  it("through 429, 500 and a resident who blocked the bot: nothing lost, nothing doubled, the blocked one marked", async () => {
    const b = await bots.start({ BROADCAST_RATE: "30" });
    await b.grantStaff(officer, "20044");
    await residents(b);
    await b.say(officer, "/broadcast");
    // A photo notice: the failures below then hit only what the broadcast sends.
    await b.push({
      message: {
        message_id: 1000,
        date: 0,
        chat: { id: officer.id, type: "private", first_name: "Cán bộ" },
        from: { id: officer.id, is_bot: false, first_name: "Cán bộ" },
        photo: [{ file_id: "photo-of-new-hours", file_unique_id: "u1", width: 800, height: 600 }],
        caption: "Giờ làm việc mới: 7:00-11:00 và 13:00-17:00.",
      },
    });
    await b.tapLabel(officer, "Không, tiếp tục");
    await b.tapLabel(officer, "Cả xã/phường");
    b.api.failNext("sendPhoto", { error_code: 429, description: "Too Many Requests: retry after 1", retry_after: 1 });
    b.api.failNext("sendPhoto", { error_code: 500, description: "Internal Server Error" });
    b.api.failNext("sendPhoto", { error_code: 403, description: "Forbidden: bot was blocked by the user" });
    const from = b.api.calls.length;
    await b.tapLabel(officer, "Gửi");
    const [notice] = await b.services.store.notices.latest("20044", 1);
    const report = await b.broadcasts.run(notice!);
    expect(report).toMatchObject({ total: 4, sent: 3, blocked: 1, failed: 0, done: true });
    const got = received(b, from);
    expect(got.size).toBe(3);
    for (const messages of got.values()) expect(messages).toHaveLength(1);
    const records = await b.services.store.deliveries.records(notice!.id);
    const blocked = records.find((r) => r.result === "blocked")?.chatId;
    expect((await b.services.store.users.get(blocked ?? 0))?.inactive).toBe(true);
    expect(await b.services.store.users.noticeAudience("20044")).not.toContain(blocked);
  });

  it("a citizen is refused, and staff of another commune can only reach their own", async () => {
    const b = await bots.start();
    const citizen: TestUser = { id: 9301, first_name: "Dân", language_code: "vi" };
    expect(textsOf(await b.say(citizen, "/broadcast"))[0]).toBe(
      "Xin lỗi, lệnh này chỉ dành cho cán bộ trung tâm được cấp quyền.",
    );
    await b.grantStaff(officer, "16855");
    await residents(b);
    await b.say(officer, "/broadcast");
    await b.say(officer, "Thông báo thử.");
    await b.tapLabel(officer, "Không, tiếp tục");
    const audience = textsOf(await b.tapLabel(officer, "Cả xã/phường")).at(-1);
    expect(audience).toBe("Sẽ gửi cho <b>0</b> người đã đăng ký nhận thông báo.");
    expect(textsOf(await b.tapLabel(officer, "Gửi"))[0]).toBe(
      "Chưa có người dân nào đăng ký nhận thông báo ở đây. Không gửi gì.",
    );
  });
});

describe("A staff member taps an old button while /broadcast waits for the text", () => {
  const bots = botPerTest();

  it("gets the tap answered (no endless spinner), and the dialogue still takes the text", async () => {
    const b = await bots.start();
    await b.grantStaff(officer, "20044");
    await b.say(officer, "/broadcast");
    const asked = b.api.messagesTo(officer.id).at(-1);
    const tap = await b.push({
      callback_query: {
        id: "old-tap",
        from: { id: officer.id, is_bot: false, first_name: "Cán bộ" },
        chat_instance: "1",
        message: {
          message_id: asked?.message_id ?? 1,
          date: 0,
          chat: { id: officer.id, type: "private", first_name: "Cán bộ" },
          text: "…",
        },
        data: "bc:yes",
      },
    });
    expect(tap.filter((c) => c.method === "answerCallbackQuery").map((c) => c.payload.text)).toEqual([
      "Nút này đã cũ. Bạn gõ lại yêu cầu nhé.",
    ]);
    expect(textsOf(await b.say(officer, "Trung tâm nghỉ chiều thứ Sáu."))[0]).toContain("bản đồ");
  });
});
