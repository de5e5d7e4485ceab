import { PassThrough } from "node:stream";
import { Bot, InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { runTerminalChat } from "../../src/cli/terminal-chat.ts";
import { startLocalBotApi, type TestUser } from "../../src/local-bot-api/index.ts";

/**
 * The terminal chat, with streams instead of a keyboard and a screen: what the bot sends is
 * printed, numbers press buttons, "lat,lon" shares a location, other lines are messages.
 */

const lan: TestUser = { id: 501, first_name: "Lan", language_code: "vi" };

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A local API, a bot on it (long polling when `setup` installs handlers), and a terminal chat. */
async function startChat(setup?: (bot: Bot) => void) {
  const api = await startLocalBotApi();
  cleanups.push(() => api.close());
  const bot = new Bot(api.token, { botInfo: api.botInfo, client: { apiRoot: api.apiRoot } });
  if (setup) {
    setup(bot);
    const polling = bot.start({ timeout: 1 });
    cleanups.push(async () => {
      await bot.stop();
      await polling;
    });
  }
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = "";
  output.on("data", (chunk: Buffer) => {
    screen += chunk.toString("utf8");
  });
  let ended = 0;
  const chat = runTerminalChat({ api, input, output, user: lan, onClose: () => ended++ });
  cleanups.push(() => chat.close());
  return {
    api,
    bot,
    input,
    chat,
    type: (line: string) => input.write(`${line}\n`),
    screen: () => screen,
    timesEnded: () => ended,
    /** Resolves once the screen shows `text`; fails with what the screen shows otherwise. */
    shows: (text: string) =>
      until(
        () => screen.includes(text),
        () => `screen never showed ${JSON.stringify(text)}:\n${screen}`,
      ),
  };
}

async function until(condition: () => boolean, explain: () => string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(explain());
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const communes = new InlineKeyboard()
  .text("Xã Bảo Thắng, Lào Cai", "c:2962")
  .row()
  .text("Xã Chiêu Lưu, Nghệ An", "c:16855");

describe("the terminal chat", () => {
  it("shows a prompt, and prints the bot's keyboard as numbered choices under its text, HTML turned into plain text", async () => {
    const { bot, shows, screen } = await startChat();
    expect(screen()).toBe("> ");

    await bot.api.sendMessage(lan.id, "Có mấy nơi tên <b>Bảo Thắng</b> &amp; gần như vậy:", {
      parse_mode: "HTML",
      reply_markup: communes,
    });

    await shows("Có mấy nơi tên Bảo Thắng & gần như vậy:\n  1) Xã Bảo Thắng, Lào Cai\n  2) Xã Chiêu Lưu, Nghệ An\n");
  });

  it("typing a number presses the button of that number on the most recent keyboard", async () => {
    const { type, shows } = await startChat((bot) => {
      bot.on("message:text", (ctx) => ctx.reply("Bạn ở nơi nào?", { reply_markup: communes }));
      bot.callbackQuery(/^c:(\d+)$/, async (ctx) => {
        await ctx.answerCallbackQuery({ text: "Đã lưu" });
        await ctx.reply(`Đã chọn xã ${ctx.match[1]}`);
      });
    });

    type("bao thang");
    await shows("  2) Xã Chiêu Lưu, Nghệ An");
    type("2");

    await shows("Đã chọn xã 16855");
    await shows("ℹ️  Đã lưu");
  });

  it("a number that is not on the keyboard is answered in the terminal, nothing is pressed", async () => {
    const { api, bot, type, shows } = await startChat();
    await bot.api.sendMessage(lan.id, "Bạn ở nơi nào?", { reply_markup: communes });
    await shows("2) Xã Chiêu Lưu");

    type("7");

    await shows("(no choice 7: choose 1-2)");
    expect(api.pendingUpdates()).toBe(0);
  });

  it('"19.3,104.2" shares a location, and the venue the bot answers with prints as a pin', async () => {
    const { type, shows } = await startChat((bot) =>
      bot.on("message:location", (ctx) =>
        ctx.replyWithVenue(
          ctx.message.location.latitude,
          ctx.message.location.longitude,
          "Trung tâm Phục vụ hành chính công xã Chiêu Lưu",
          "Xã Chiêu Lưu, Nghệ An",
        ),
      ),
    );

    type("19.3,104.2");

    await shows("📍 Trung tâm Phục vụ hành chính công xã Chiêu Lưu, Xã Chiêu Lưu, Nghệ An (19.3, 104.2)");
  });

  it("sends other lines as text messages, commands included, and ignores empty lines", async () => {
    const received: Message[] = [];
    const { type } = await startChat((bot) => bot.on("message", (ctx) => void received.push(ctx.message)));

    for (const line of ["", "   ", "/start", "bao thang", "2,3", "5"]) type(line);
    await until(
      () => received.length === 4,
      () => `expected 4 messages, got ${received.length}`,
    );

    // Without a keyboard on screen a number is just text; "2,3" has no decimals, so it is no place.
    expect(received.map((m) => m.text)).toEqual(["/start", "bao thang", "2,3", "5"]);
    expect(received[0]?.entities).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);
  });

  it("prints an edited message again, marked as updated", async () => {
    const { bot, shows } = await startChat();
    const question = await bot.api.sendMessage(lan.id, "Sinh tại cơ sở y tế?", { reply_markup: communes });

    await bot.api.editMessageText(lan.id, question.message_id, "Sinh tại cơ sở y tế?\n✓ <i>Có</i>", {
      parse_mode: "HTML",
    });

    await shows("(updated) Sinh tại cơ sở y tế?\n✓ Có\n");
  });

  it("calls onClose when the input ends, and not when closed by the program", async () => {
    const first = await startChat();
    first.input.end();
    await until(
      () => first.timesEnded() === 1,
      () => "onClose was not called at the end of input",
    );

    const second = await startChat();
    second.chat.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(second.timesEnded()).toBe(0);
  });

  it("piped input: each line waits for the bot's answer to the one before, and the chat ends only after the last answer", async () => {
    const { input, screen, timesEnded } = await startChat((bot) => {
      // A slow reply, and a keyboard that the next line (a number) must find on screen.
      bot.command("start", async (ctx) => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        await ctx.reply("Chọn xã:", { reply_markup: communes });
      });
      bot.callbackQuery(/^c:/, (ctx) => ctx.reply(`Đã chọn ${ctx.callbackQuery.data}`));
      bot.on("message:text", (ctx) => ctx.reply(`Bạn gõ: ${ctx.message.text}`));
    });
    input.end("/start\n2\nkhai sinh\n");
    await until(
      () => timesEnded() === 1,
      () => `onClose was not called:\n${screen()}`,
    );
    const shown = screen();
    expect(shown).toContain("Đã chọn c:16855");
    expect(shown.indexOf("Chọn xã:")).toBeLessThan(shown.indexOf("Đã chọn c:16855"));
    expect(shown.indexOf("Đã chọn c:16855")).toBeLessThan(shown.indexOf("Bạn gõ: khai sinh"));
  });
});
