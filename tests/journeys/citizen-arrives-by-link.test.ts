import { describe, expect, it } from "vitest";
import { botPerTest, type TestUser, textsOf } from "../support/bot-harness.ts";

/** The start parameter of a t.me link, as Telegram sends it: "/start <payload>". */
const payloadOf = (url: string) => new URL(url).searchParams.get("start") ?? "";

describe("A citizen arrives by a link: a poster's QR code, a shared card", () => {
  const bots = botPerTest();

  it("a poster's link asks to confirm the commune in one line, then saves it without the commune question", async () => {
    const b = await bots.start();
    const mai: TestUser = { id: 701, first_name: "Mai", language_code: "vi" };
    const opened = textsOf(await b.say(mai, "/start c16855-oq"));
    expect(opened[0]).toContain("Xin chào Mai");
    expect(opened[1]).toBe("Bạn ở <b>Xã Chiêu Lưu</b> (Nghệ An)? Tôi sẽ lưu xã này để chỉ đúng trung tâm cho bạn.");
    expect(opened.join("\n")).not.toContain("Bạn ở xã/phường nào?");
    expect(await b.services.store.users.get(mai.id)).toBeUndefined();

    const saved = textsOf(await b.tapLabel(mai, "Đúng, lưu xã này"));
    expect(saved[0]).toContain("Đã ghi nhớ: <b>Xã Chiêu Lưu</b>, Nghệ An.");
    expect((await b.services.store.users.get(mai.id))?.communeCode).toBe("16855");
  });

  it("'another commune' under the confirmation asks the usual question and saves nothing from the link", async () => {
    const b = await bots.start();
    const an: TestUser = { id: 702, first_name: "An", language_code: "vi" };
    await b.say(an, "/start c16855-oq");
    expect(textsOf(await b.tapLabel(an, "xã/phường khác"))[0]).toContain("Bạn ở xã/phường nào?");
    await b.say(an, "A Lưới 2");
    expect((await b.services.store.users.get(an.id))?.communeCode).toBe("20044");
  });

  it("a procedure link shows its card at once, for the commune in the link", async () => {
    const b = await bots.start();
    const binh: TestUser = { id: 703, first_name: "Bình", language_code: "vi" };
    const calls = await b.say(binh, "/start c16855-p1_001193");
    const card = textsOf(calls).find((t) => t.includes("Đăng ký khai sinh")) ?? "";
    expect(card).toContain("<code>1.001193</code>");
    expect(card).toContain("Trung tâm Phục vụ hành chính công xã Chiêu Lưu");
    const buttons = b.api.messagesTo(binh.id).flatMap((m) => m.reply_markup?.inline_keyboard.flat() ?? []);
    expect(buttons).toContainEqual(expect.objectContaining({ callback_data: "c:1.001193" }));
    expect(buttons).toContainEqual(expect.objectContaining({ switch_inline_query: "Đăng ký khai sinh" }));
    // The commune is still offered for saving, one line under the card.
    expect(textsOf(calls).at(-1)).toContain("Bạn ở <b>Xã Chiêu Lưu</b>");
  });

  it("a malformed or stale link gives the usual greeting and commune question, never an error", async () => {
    const b = await bots.start();
    for (const [i, payload] of ["c99999-oq", "pX_999999", "hello%20world", "c16855-c16855", "x".repeat(80)].entries()) {
      const user: TestUser = { id: 710 + i, first_name: "Cư", language_code: "vi" };
      const texts = textsOf(await b.say(user, `/start ${payload}`));
      expect(texts[0]).toContain("Xin chào Cư");
      expect(texts.join("\n")).toContain("Bạn ở xã/phường nào?");
    }
  });

  it("a status link asks for the receipt's code", async () => {
    const b = await bots.start();
    const texts = textsOf(await b.say({ id: 720, first_name: "Dũng", language_code: "vi" }, "/start s"));
    expect(texts.at(-1)).toContain("Bạn gửi mã hồ sơ in trên giấy biên nhận");
  });

  it("a daughter shares the birth checklist from any chat; her mother opens it for her own commune", async () => {
    const b = await bots.start();
    const daughter: TestUser = { id: 730, first_name: "Hà", language_code: "vi" };
    const mother: TestUser = { id: 731, first_name: "Mẹ", language_code: "vi" };

    const calls = await b.inlineQuery(daughter, "khai sinh");
    const answer = calls.find((c) => c.method === "answerInlineQuery");
    expect(answer?.response.ok).toBe(true);
    expect(answer?.payload).toMatchObject({ cache_time: 300, is_personal: true });
    const results = answer?.payload.results as {
      id: string;
      title: string;
      input_message_content: { message_text: string };
      reply_markup: { inline_keyboard: { url: string }[][] };
    }[];
    const birth = results.find((r) => r.id === "1.001193");
    expect(birth?.title).toBe("Đăng ký khai sinh");
    const card = birth?.input_message_content.message_text ?? "";
    expect(card).toContain("<b>Cần mang:</b>");
    expect(card).toContain("💰 <b>Lệ phí:</b>");
    // Where to file and who decides, as the catalog says for birth registration.
    expect(card).toContain("<b>Nộp ở đâu:</b> Trung tâm Phục vụ hành chính công xã/phường");
    expect(card).toContain("<b>Ai giải quyết:</b> Chủ tịch (hoặc Phó Chủ tịch) UBND xã/phường");
    const url = birth?.reply_markup.inline_keyboard[0]?.[0]?.url ?? "";
    expect(url).toBe("https://t.me/motcua_bot?start=p1_001193-os");

    // The mother lives in A Lưới 2: the link opens the full card for her center.
    await b.say(mother, "/start");
    await b.say(mother, "A Lưới 2");
    const opened = textsOf(await b.say(mother, `/start ${payloadOf(url)}`)).join("\n");
    expect(opened).toContain("<b>Đăng ký khai sinh</b>");
    expect(opened).toContain("A Lưới 2");
  });

  it("staff's /stats counts arrivals by poster, shared card and directly, per commune", async () => {
    const b = await bots.start();
    const officer: TestUser = { id: 740, first_name: "Cán bộ", language_code: "vi" };
    await b.grantStaff(officer, "16855");
    await b.say({ id: 741, first_name: "A", language_code: "vi" }, "/start c16855-oq");
    await b.say({ id: 742, first_name: "B", language_code: "vi" }, "/start c16855-oq");
    await b.say({ id: 743, first_name: "C", language_code: "vi" }, "/start c16855-p1_001193-os");
    await b.say({ id: 744, first_name: "D", language_code: "vi" }, "/start c20044-oq");
    // Someone of the commune who found the bot by its name.
    await b.services.store.users.update(745, { communeCode: "16855" });
    await b.say({ id: 745, first_name: "E", language_code: "vi" }, "/start");
    const text = textsOf(await b.say(officer, "/stats")).join("\n");
    expect(text).toContain(
      "<b>Người dân mở bot</b> (30 ngày): 2 quét mã QR trên áp phích, 1 từ thủ tục được chia sẻ, 1 tự tìm đến.",
    );
  });
});
