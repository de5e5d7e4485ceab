import { describe, expect, it } from "vitest";
import { formatText } from "../../src/local-bot-api/formatting.ts";
import { type ApiCall, botPerTest, type TestUser, textsOf } from "../support/bot-harness.ts";

/** What the citizen reads of the bot's calls: texts sent or edited in, pins, button notices. */
function charactersRead(calls: ApiCall[]): number {
  const shown = (html: string) => formatText(html, "HTML", undefined).text.length;
  return calls.reduce((sum, c) => {
    if (c.method === "sendMessage" || c.method === "editMessageText") return sum + shown(String(c.payload.text));
    if (c.method === "sendVenue") return sum + String(c.payload.title).length + String(c.payload.address).length;
    if (c.method === "answerCallbackQuery" && c.payload.text) return sum + String(c.payload.text).length;
    return sum;
  }, 0);
}

/**
 * A citizen on a phone in a mountain commune pays for every message and every line: from
 * "xin chào" to the checklist for their own case, few steps and little to read.
 */
describe("What a citizen spends to get a checklist", () => {
  const { start } = botPerTest();

  it("birth registration in her commune: at most 6 messages and taps, at most 3,000 characters read", async () => {
    const bot = await start();
    const lan: TestUser = { id: 701, first_name: "Lan", language_code: "vi" };
    // Lan told the bot her commune on an earlier day.
    await bot.say(lan, "/start");
    await bot.say(lan, "Chiêu Lưu");

    const steps = [
      () => bot.say(lan, "xin chào"),
      () => bot.tapLabel(lan, "Đăng ký khai sinh"),
      () => bot.tapLabel(lan, "Lập danh sách giấy tờ"),
      () => bot.tapLabel(lan, "Có"),
      () => bot.tapLabel(lan, "Không"),
      () => bot.tapLabel(lan, "Chưa, trong 60 ngày"),
    ];
    const calls: ApiCall[][] = [];
    for (const step of steps) calls.push(await step());
    const seen = calls.flat();

    const checklist = textsOf(seen).at(-1) ?? "";
    expect(checklist).toContain("📋 <b>Giấy tờ cần mang — Đăng ký khai sinh</b>");
    expect(checklist).toContain("☐ Giấy chứng sinh do cơ sở y tế cấp — 1 bản chính");
    expect(seen.some((c) => c.method === "sendVenue")).toBe(true);
    expect(steps.length).toBeLessThanOrEqual(6);
    expect(charactersRead(seen)).toBeLessThanOrEqual(3000);

    // The card stays as it was; the questions and the checklist are one message edited in place.
    const [, card, ...checklistSteps] = calls.map((step) => step.filter((c) => c.method !== "answerCallbackQuery"));
    expect(card?.map((c) => c.method)).toEqual(["sendMessage"]);
    expect(checklistSteps.flat().map((c) => c.method)).toEqual([
      "sendMessage",
      "editMessageText",
      "editMessageText",
      "editMessageText",
      "sendVenue",
    ]);
    const question = checklistSteps[0]?.[0]?.response?.result as { message_id: number } | undefined;
    const edited = checklistSteps.flat().filter((c) => c.method === "editMessageText");
    expect(edited.every((c) => c.payload.message_id === question?.message_id)).toBe(true);
  });

  it("a card's details open in the card's own message, and 'back' shows the summary again", async () => {
    const bot = await start();
    const minh: TestUser = { id: 702, first_name: "Minh", language_code: "vi" };
    await bot.say(minh, "/start");
    await bot.say(minh, "Chiêu Lưu");
    const card = (await bot.say(minh, "đăng ký khai sinh")).find((c) => c.method === "sendMessage");
    const cardId = (card?.response?.result as { message_id: number } | undefined)?.message_id;
    expect(cardId).toBeDefined();

    const papers = (await bot.tapLabel(minh, "Giấy tờ theo trường hợp")).find((c) => c.method === "editMessageText");
    expect(papers?.payload.message_id).toBe(cardId);
    expect(String(papers?.payload.text)).toContain("Văn bản của người làm chứng xác nhận việc sinh");

    const legal = (await bot.tapLabel(minh, "Căn cứ, nguồn")).find((c) => c.method === "editMessageText");
    expect(String(legal?.payload.text)).toContain("(hiệu lực đến 01/03/2027)");

    const back = (await bot.tapLabel(minh, "Tóm tắt")).find((c) => c.method === "editMessageText");
    expect(back?.payload.message_id).toBe(cardId);
    expect(String(back?.payload.text)).toBe(String(card?.payload.text));
    expect(bot.api.messagesTo(minh.id).filter((m) => m.text?.includes("Đăng ký khai sinh"))).toHaveLength(1);
  });
});
