import { describe, expect, it } from "vitest";
import { type BotHarness, botPerTest, type TestUser, textsOf } from "../support/bot-harness.ts";

const labelsOf = (bot: BotHarness, user: TestUser) =>
  bot.api
    .lastKeyboard(user.id)
    ?.buttons.flat()
    .map((b) => b.text) ?? [];
const dataOf = (bot: BotHarness, user: TestUser) =>
  bot.api
    .lastKeyboard(user.id)
    ?.buttons.flat()
    .map((b) => b.data ?? "") ?? [];

/** Citizens answer "which commune?" as they would, and are never stuck in the question. */
describe("A citizen names their commune as they know it", () => {
  const { start } = botPerTest();

  it("'Thuận Hóa' then 'làm lại căn cước bị mất': the question is answered, then the commune is asked again, with ways out", async () => {
    const bot = await start();
    const mai: TestUser = { id: 701, first_name: "Mai", language_code: "vi" };
    const ask = textsOf(await bot.say(mai, "/start")).join("\n");
    expect(ask).toContain("Bỏ qua");
    expect(ask).toContain("/cancel");

    const which = await bot.say(mai, "Thuận Hóa");
    expect(textsOf(which)[0]).toContain("Có mấy nơi");
    expect(labelsOf(bot, mai)).toContain("Phường Thuận Hóa, Thành phố Huế");

    const calls = await bot.say(mai, "làm lại căn cước bị mất");
    const answered = textsOf(calls);
    expect(answered[0]).toContain("Tôi tìm thấy các thủ tục này");
    expect(dataOf(bot, mai).length).toBeGreaterThan(0);
    expect(dataOf(bot, mai).every((d) => d.startsWith("p:"))).toBe(true);
    expect(answered[1]).toContain("bạn ở xã/phường nào");
    expect(answered[1]).toContain("Bỏ qua");

    // The citizen can still name the commune, and it is saved.
    const saved = textsOf(await bot.say(mai, "phường Thuận Hóa, thành phố Huế"));
    expect(saved[0]).toContain("Đã ghi nhớ: <b>Phường Thuận Hóa</b>");
  });

  it("a procedure question typed instead of a commune shows its procedures as buttons that open", async () => {
    const bot = await start();
    const an: TestUser = { id: 702, first_name: "An", language_code: "vi" };
    await bot.say(an, "/commune");
    await bot.say(an, "làm lại căn cước bị mất");
    const first = labelsOf(bot, an)[0] ?? "";
    expect(first).not.toBe("");
    const card = textsOf(await bot.tapLabel(an, first));
    expect(card.join("\n")).toContain("<b>Nộp ở đâu:</b>");
    // The "Skip" reply button left on screen still means skip, not a search for "bỏ qua".
    const skipped = await bot.say(an, "Bỏ qua");
    expect(textsOf(skipped)[0]).toContain("không cần chọn xã");
    expect(skipped[0]?.payload.reply_markup).toEqual({ remove_keyboard: true });
  });

  it("a passport asked for instead of a commune is offered as done elsewhere, never a commune procedure in its place", async () => {
    const bot = await start();
    const hoa: TestUser = { id: 713, first_name: "Hoa", language_code: "vi" };
    await bot.say(hoa, "/start");
    expect(textsOf(await bot.say(hoa, "làm hộ chiếu"))[0]).toContain("Tôi tìm thấy các thủ tục này");
    expect(dataOf(bot, hoa)[0]).toBe("e:passport");
  });

  it("a typo in a commune name is still a place; a short procedure term is a question", async () => {
    const bot = await start();
    const lan: TestUser = { id: 712, first_name: "Lan", language_code: "vi" };
    await bot.say(lan, "/commune");
    expect(textsOf(await bot.say(lan, "tạm trú"))[0]).toContain("Tôi tìm thấy các thủ tục này");
    expect(textsOf(await bot.say(lan, "ket hon"))[0]).toContain("Tôi tìm thấy các thủ tục này");
    expect(textsOf(await bot.say(lan, "chiu luu"))[0]).toContain("Đã ghi nhớ: <b>Xã Chiêu Lưu</b>");
  });

  it("two names not found: the location button and going on without a commune are offered, and skipping works", async () => {
    const bot = await start();
    const binh: TestUser = { id: 703, first_name: "Bình", language_code: "vi" };
    await bot.say(binh, "/commune");
    await bot.say(binh, "zzzz qqqq");
    const second = await bot.say(binh, "xxxx yyyy");
    expect(textsOf(second)[0]).toContain("Gửi vị trí");
    const keyboard = second.find((c) => c.payload.reply_markup?.keyboard)?.payload.reply_markup.keyboard.flat();
    expect(keyboard).toEqual([{ text: "📍 Gửi vị trí", request_location: true }, { text: "Bỏ qua" }]);
    const skipped = textsOf(await bot.say(binh, "Bỏ qua"));
    expect(skipped[0]).toContain("không cần chọn xã");
    // Out of the question: a procedure query is a search again (an official name opens its card).
    expect(textsOf(await bot.say(binh, "đăng ký khai sinh"))[0]).toContain("<b>Đăng ký khai sinh</b>");
  });

  it("a greeting during the question gets a greeting, and a returning user's 'xin chào' greets them with their commune", async () => {
    const bot = await start();
    const chi: TestUser = { id: 704, first_name: "Chi", language_code: "vi" };
    await bot.say(chi, "/start");
    expect(textsOf(await bot.say(chi, "xin chào"))[0]).toContain("Xin chào! Bạn ở xã/phường nào?");
    await bot.say(chi, "chiêu lưu");
    const back = textsOf(await bot.say(chi, "xin chào"));
    expect(back[0]).toContain("Xin chào Chi! Bạn đang ở <b>Xã Chiêu Lưu</b>, Nghệ An");
    // Not asked again: the next message is a search (an official name opens its card).
    expect(textsOf(await bot.say(chi, "đăng ký khai sinh"))[0]).toContain("<b>Đăng ký khai sinh</b>");
  });

  it("'phường 1 quận 3' is saved as Bàn Cờ", async () => {
    const bot = await start();
    const dung: TestUser = { id: 705, first_name: "Dũng", language_code: "vi" };
    await bot.say(dung, "/commune");
    const saved = textsOf(await bot.say(dung, "phường 1 quận 3"));
    expect(saved[0]).toContain("<b>Phường 1</b> cũ (Quận 3) nay thuộc <b>Phường Bàn Cờ</b>");
  });

  it("a numbered ward without its district asks for the old district, and lists the candidates", async () => {
    const bot = await start();
    const duc: TestUser = { id: 711, first_name: "Đức", language_code: "vi" };
    await bot.say(duc, "/commune");
    expect(textsOf(await bot.say(duc, "P2"))[0]).toContain("Bạn gõ kèm quận/huyện cũ");
    expect(labelsOf(bot, duc)[0]).toMatch(/^Phường 2 cũ \(/);
  });

  it("'huyện Kỳ Sơn' says districts were abolished and lists its communes on pages, Chiêu Lưu among them", async () => {
    const bot = await start();
    const em: TestUser = { id: 706, first_name: "Em", language_code: "vi" };
    await bot.say(em, "/commune");
    const listed = textsOf(await bot.say(em, "huyện Kỳ Sơn"));
    expect(listed[0]).toContain("Cấp huyện đã bỏ từ ngày 1/7/2025");
    expect(listed[0]).toContain("12 xã/phường");
    const firstPage = labelsOf(bot, em);
    expect(firstPage).toHaveLength(9);
    expect(firstPage.at(-1)).toBe("➡️ Xem thêm (2/2)");
    await bot.tapLabel(em, "Xem thêm");
    expect(labelsOf(bot, em)).toContain("Xã Chiêu Lưu, Nghệ An");
    const saved = textsOf(await bot.tapLabel(em, "Xã Chiêu Lưu"));
    expect(saved[0]).toContain("Đã ghi nhớ: <b>Xã Chiêu Lưu</b>");
  });

  it("'tỉnh Hà Giang' is narrowed to Tuyên Quang, and the next name is looked for there", async () => {
    const bot = await start();
    const gia: TestUser = { id: 707, first_name: "Gia", language_code: "vi" };
    await bot.say(gia, "/commune");
    expect(textsOf(await bot.say(gia, "tỉnh Hà Giang"))[0]).toContain("thuộc <b>Tuyên Quang</b>");
    expect(textsOf(await bot.say(gia, "Bạch Ngọc"))[0]).toContain("Đã ghi nhớ: <b>Xã Bạch Ngọc</b>, Tuyên Quang");
  });

  it("a common name lists the places by province, and never suggests an unrelated province", async () => {
    const bot = await start();
    const hoa: TestUser = { id: 708, first_name: "Hoa", language_code: "vi" };
    await bot.say(hoa, "/commune");
    const text = textsOf(await bot.say(hoa, "An Phú"))[0] ?? "";
    expect(text).toContain("xếp theo tỉnh");
    expect(text).not.toContain("Nghệ An");
    const labels = labelsOf(bot, hoa);
    const provinces = labels.filter((l) => !l.startsWith("➡️")).map((l) => l.split(", ").at(-1));
    // Each province's places are together.
    expect(provinces.filter((p, i) => provinces.indexOf(p) !== i && provinces[i - 1] !== p)).toEqual([]);
    expect(labels.at(-1)).toMatch(/^➡️ Xem thêm/);
  });

  it("a location in Lào Cai city offers Lào Cai communes; 0,0 is outside Vietnam", async () => {
    const bot = await start();
    const khoa: TestUser = { id: 709, first_name: "Khoa", language_code: "vi" };
    await bot.say(khoa, "/commune");
    await bot.shareLocation(khoa, 22.4856, 103.9707);
    const labels = labelsOf(bot, khoa);
    expect(labels).toHaveLength(3);
    for (const label of labels) expect(label).toMatch(/, Lào Cai — \d+\.\d km$/);
    expect(textsOf(await bot.say(khoa, "0,0"))[0]).toContain("ngoài Việt Nam");
    const saved = textsOf(await bot.tapLabel(khoa, "Phường Lào Cai"));
    expect(saved[0]).toContain("Đã ghi nhớ: <b>Phường Lào Cai</b>");
  });

  it("a location shared after leaving the question still finds the nearest communes, and a tap saves one", async () => {
    const bot = await start();
    const minh: TestUser = { id: 713, first_name: "Minh", language_code: "vi" };
    await bot.say(minh, "/commune");
    await bot.say(minh, "/cancel");
    await bot.shareLocation(minh, 21.0362, 105.7906);
    expect(labelsOf(bot, minh)[0]).toMatch(/^Phường Cầu Giấy, Thành phố Hà Nội — 0\.\d km$/);
    expect(textsOf(await bot.tapLabel(minh, "Phường Cầu Giấy"))[0]).toContain("Đã ghi nhớ: <b>Phường Cầu Giấy</b>");
  });

  it("callback data of every commune button fits Telegram's 64 bytes", async () => {
    const bot = await start();
    const lam: TestUser = { id: 710, first_name: "Lâm", language_code: "vi" };
    await bot.say(lam, "/commune");
    await bot.say(lam, "thành phố Thủ Đức");
    for (const data of dataOf(bot, lam)) expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
  });
});
