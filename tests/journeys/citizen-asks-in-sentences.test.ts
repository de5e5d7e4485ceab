import { describe, expect, it } from "vitest";
import { type BotHarness, botPerTest, type TestUser, textsOf } from "../support/bot-harness.ts";

/**
 * A citizen who writes as they speak: whole questions, things the commune does not do, and a
 * thank-you at the end. Every answer says what to do next.
 */
describe("A citizen asks in their own words", () => {
  const { start } = botPerTest();

  async function resident(id: number): Promise<{ bot: BotHarness; user: TestUser }> {
    const bot = await start();
    const user: TestUser = { id, first_name: "Hạnh", language_code: "vi" };
    await bot.say(user, "/start");
    await bot.say(user, "Chiêu Lưu");
    return { bot, user };
  }

  it("a passport for her mother: not done at the commune, the immigration office and the online route", async () => {
    const { bot, user } = await resident(601);
    const answer = textsOf(await bot.say(user, "xin cap ho chieu cho me"))[0] ?? "";
    expect(answer).toContain("không làm ở trung tâm hành chính công của xã/phường");
    expect(answer).toContain("Phòng Quản lý xuất nhập cảnh");
    expect(answer).toContain("https://dichvucong.bocongan.gov.vn/");
    expect(answer).not.toContain("hộ tịch");
  });

  it("a neighbour's fence on her land: land-dispute mediation at the commune, card at once", async () => {
    const { bot, user } = await resident(602);
    const answer =
      textsOf(await bot.say(user, "Đất nhà tôi bị nhà bên cạnh rào lấn sang, nhờ ai giải quyết?"))[0] ?? "";
    expect(answer).toMatch(/^<b>Hòa giải tranh chấp đất đai<\/b>/);
  });

  it("how much a certified copy costs: the card opens at the fee", async () => {
    const { bot, user } = await resident(603);
    const card = textsOf(await bot.say(user, "chứng thực bản sao hết bao nhiêu tiền"))[0] ?? "";
    const lines = card.split("\n");
    expect(lines[0]).toContain("Chứng thực bản sao từ bản chính");
    expect(lines[1]).toContain("Lệ phí:");
    expect(card.indexOf("Lệ phí")).toBeLessThan(card.indexOf("Mang theo"));
  });

  it("'dạ cảm ơn bạn' gets a friendly word and what to do next, not 'nothing found'", async () => {
    const { bot, user } = await resident(604);
    const answer = textsOf(await bot.say(user, "dạ cảm ơn bạn"))[0] ?? "";
    expect(answer).toContain("không có gì");
    expect(answer).toContain("gõ việc cần làm");
    expect(answer).not.toContain("chưa tìm thấy");
    expect(
      bot.api
        .lastKeyboard(user.id)
        ?.buttons.flat()
        .map((b) => b.data),
    ).toEqual(["f:"]);
  });

  it("a greeting once the commune is known is answered in a line, without asking for the commune again", async () => {
    const { bot, user } = await resident(605);
    const answer = textsOf(await bot.say(user, "alo"));
    expect(answer[0]).toContain("Xin chào");
    expect(answer.join("\n")).not.toContain("Bạn ở xã/phường nào");
  });

  it("two close answers are offered as buttons that open the card at the part asked about", async () => {
    const { bot, user } = await resident(606);
    expect(textsOf(await bot.say(user, "khai sinh cần giấy tờ gì"))[0]).toContain("Tôi tìm thấy");
    const data =
      bot.api
        .lastKeyboard(user.id)
        ?.buttons.flat()
        .map((b) => b.data) ?? [];
    expect(data).toContain("p:1.001193:papers");
    const card = textsOf(await bot.tapLabel(user, "Đăng ký khai sinh"))[0] ?? "";
    expect(card.split("\n")[1]).toContain("Mang theo");
  });

  it("divorce: sent to the court, never to marriage registration", async () => {
    const { bot, user } = await resident(607);
    const answer = textsOf(await bot.say(user, "muốn ly dị thì làm sao"));
    expect(answer.join("\n")).not.toContain("Đăng ký kết hôn");
    const labels =
      bot.api
        .lastKeyboard(user.id)
        ?.buttons.flat()
        .map((b) => b.text) ?? [];
    expect([answer[0] ?? "", ...labels].join("\n")).toMatch(/ly hôn/i);
  });

  it("a true miss offers the nearest fields and asking the center, which shows the center", async () => {
    const { bot, user } = await resident(608);
    expect(textsOf(await bot.say(user, "kết quả xổ số miền bắc"))[0]).toContain("chưa tìm thấy");
    const data =
      bot.api
        .lastKeyboard(user.id)
        ?.buttons.flat()
        .map((b) => b.data) ?? [];
    expect(data.slice(-2)).toEqual(["f:", "ac"]);
    const center = await bot.tapLabel(user, "Hỏi trung tâm");
    expect(textsOf(center).join("\n")).toContain("Trung tâm Phục vụ hành chính công xã Chiêu Lưu");
  });
});
