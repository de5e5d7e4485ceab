import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../bench/synthetic-catalog.ts";
import { BotHarness, type TestUser, textsOf } from "../support/bot-harness.ts";

const PIECES = [
  "khai sinh",
  "sổ đỏ",
  "<b>",
  "</i>",
  "&",
  "&amp;",
  "_*[]()~`>#+-=|{}.!",
  "😀👨‍👩‍👧",
  "漢字",
  "русский",
  "\u0000",
  "\u200b",
  "\t\n",
  "NĐ-CP",
  "/start",
  "000.00.20.H40-250709-",
  "' OR 1=1 --",
  "\\",
  "ا",
  " ",
];

/** A random message of 1 to 5,000 characters built from awkward pieces. */
function randomText(random: () => number): string {
  const long = random() < 0.05;
  let text = "";
  while (text.length < (long ? 4097 + random() * 900 : 1 + random() * 60))
    text += PIECES[Math.floor(random() * PIECES.length)];
  return text.trim() === "" ? "." : text;
}

describe("Bad input changes nothing and crashes nothing", () => {
  let bot: BotHarness;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  beforeAll(async () => {
    process.on("unhandledRejection", onRejection);
    bot = await BotHarness.start();
  });
  afterAll(async () => {
    process.off("unhandledRejection", onRejection);
    await bot.stop();
    await bot.removeState();
  });

  it("a fuzz run of 2,000 random messages: every one handled, no error reply, no unhandled rejection", {
    timeout: 120_000,
  }, async () => {
    const random = seededRandom(7);
    const user: TestUser = { id: 8101, first_name: "Fuzz", language_code: "vi" };
    const from = bot.api.calls.length;
    for (let i = 0; i < 2000; i++) await bot.say(user, randomText(random));
    const replies = bot.api.calls.slice(from).filter((c) => c.method === "sendMessage");
    expect(
      replies
        .filter((c) => c.response?.ok !== true)
        .map((c) => [c.response?.description, String(c.payload.text).slice(0, 120)]),
    ).toEqual([]);
    expect(textsOf(replies).filter((t) => t.includes("đã có lỗi"))).toEqual([]);
    expect(rejections).toEqual([]);
  });

  it("stickers, photos, voice, edits, channel posts, group chats and inline queries are harmless", async () => {
    const chat = { id: 8102, type: "private" as const, first_name: "Ly" };
    const from = { id: 8102, is_bot: false, first_name: "Ly", language_code: "vi" };
    const base = { message_id: 1, date: 0, chat, from };
    const updates = [
      { message: { ...base, voice: { file_id: "v", file_unique_id: "v", duration: 1 } } },
      { message: { ...base, photo: [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }] } },
      { edited_message: { ...base, edit_date: 1, text: "sửa lại" } },
      {
        channel_post: {
          message_id: 2,
          date: 0,
          chat: { id: -100123, type: "channel" as const, title: "Kênh" },
          text: "khai sinh",
        },
      },
      {
        message: {
          message_id: 3,
          date: 0,
          chat: { id: -5, type: "group" as const, title: "Nhóm" },
          from,
          text: "khai sinh",
        },
      },
      { inline_query: { id: "q1", from, query: "khai sinh", offset: "" } },
    ];
    const calls = [];
    for (const update of updates) calls.push(...(await bot.push(update)));
    const replies = calls.filter((c) => c.method === "sendMessage");
    // Only the private voice and photo get an answer: "please type".
    expect(replies.map((c) => c.payload.chat_id)).toEqual([8102, 8102]);
    expect(textsOf(replies)[0]).toContain("Tôi chỉ đọc được tin nhắn chữ");
    expect(rejections).toEqual([]);
  });

  it("in a group the bot stays silent, /cancel included, as it is for everything else there", async () => {
    const from = { id: 8105, is_bot: false, first_name: "Ly", language_code: "vi" };
    const group = { id: -7, type: "group" as const, title: "Nhóm" };
    const command = (text: string) => ({
      message: {
        message_id: 5,
        date: 0,
        chat: group,
        from,
        text,
        entities: [{ type: "bot_command" as const, offset: 0, length: text.length }],
      },
    });
    const calls = [];
    for (const text of ["/cancel", "/start", "/help", "/cancel@motcua_bot"])
      calls.push(...(await bot.push(command(text))));
    expect(calls.filter((c) => c.method.startsWith("send"))).toEqual([]);
    expect(rejections).toEqual([]);
  });

  it("forged or stale button data gets a polite 'outdated' and changes nothing", async () => {
    const random = seededRandom(11);
    const user: TestUser = { id: 8103, first_name: "Nút", language_code: "vi" };
    const forged = [
      "p:",
      "p:9.999999",
      "c:../../etc",
      "f:nope",
      "l:fr",
      "cm:99999",
      "a:9:9",
      "q:9.999999:0",
      "q:1.001193:9",
      "q:1.001193:0000",
      "df:000.00.20.H40-250709-0001:forgedtoken",
      "du:x",
      "bx:n1",
      "la:16855",
      "ss:16855",
      "nt:2",
      "st:x",
    ];
    for (let i = 0; i < 50; i++)
      forged.push(
        Array.from({ length: 1 + Math.floor(random() * 60) }, () =>
          String.fromCharCode(33 + Math.floor(random() * 90)),
        ).join(""),
      );
    for (const data of forged) {
      const calls = await bot.pushCallback(user, data);
      expect(
        calls.some((c) => c.method === "answerCallbackQuery"),
        data,
      ).toBe(true);
      expect(
        textsOf(calls).filter((t) => t.includes("đã có lỗi")),
        data,
      ).toEqual([]);
    }
    expect(await bot.services.store.users.get(user.id)).toBeUndefined();
    expect(await bot.services.store.dossiers.isSubscribed("000.00.20.H40-250709-0001", user.id)).toBe(false);
    expect(rejections).toEqual([]);
  });

  it("button data naming what every object has (__proto__, toString...) is answered like any other, never with an error", async () => {
    const user: TestUser = { id: 8104, first_name: "Nút", language_code: "vi" };
    const names = ["__proto__", "toString", "constructor", "hasOwnProperty", "valueOf"];
    const prefixes = ["p:", "c:", "q:", "f:", "du:", "bx:", "df:", "nt:", "st:", "sc:", "bo:"];
    const from = { id: user.id, is_bot: false, first_name: "Nút" };
    const message = {
      message_id: 1,
      date: 0,
      chat: { id: user.id, type: "private" as const, first_name: "Nút" },
      text: "…",
    };
    for (const [i, data] of prefixes.flatMap((p) => names.map((n) => `${p}${n}`)).entries()) {
      // On a message in the private chat, as a modified client would send it.
      const calls = await bot.push({ callback_query: { id: `own-${i}`, from, chat_instance: "1", message, data } });
      expect(
        calls.some((c) => c.method === "answerCallbackQuery"),
        data,
      ).toBe(true);
      expect(
        textsOf(calls).filter((t) => t.includes("đã có lỗi")),
        data,
      ).toEqual([]);
    }
    expect(await bot.services.store.dossiers.followedCodes()).toEqual([]);
    expect(rejections).toEqual([]);
  });
});
