import { Bot, GrammyError, InlineKeyboard } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  contentRefusal,
  type LocalBotApi,
  onContentRefusal,
  startLocalBotApi,
  type TestUser,
} from "../../src/local-bot-api/index.ts";
import { expectRefusals } from "../support/refusals.ts";

/**
 * The local Bot API, exercised the way the bot uses it: a real grammY Bot talking HTTP to it on
 * 127.0.0.1. Where Telegram refuses a payload, so must it - that is what catches our bugs.
 */

const lan: TestUser = { id: 501, first_name: "Lan", language_code: "vi" };

const started: { api: LocalBotApi; bot?: Bot; polling?: Promise<void> }[] = [];

afterEach(async () => {
  for (const { api, bot, polling } of started.splice(0)) {
    if (bot?.isRunning()) await bot.stop();
    await polling;
    await api.close();
  }
});

/** A local API and a bot pointed at it, not polling: for calling bot.api directly. */
async function startApi(): Promise<{ api: LocalBotApi; bot: Bot }> {
  const api = await startLocalBotApi();
  const bot = new Bot(api.token, { botInfo: api.botInfo, client: { apiRoot: api.apiRoot } });
  started.push({ api, bot });
  return { api, bot };
}

/** A bot long polling the local API, with its handlers installed by `setup`. */
async function startPollingBot(setup: (bot: Bot) => void): Promise<{ api: LocalBotApi; bot: Bot }> {
  const api = await startLocalBotApi();
  const bot = new Bot(api.token, { botInfo: api.botInfo, client: { apiRoot: api.apiRoot } });
  setup(bot);
  started.push({ api, bot, polling: bot.start({ timeout: 1 }) });
  return { api, bot };
}

/** The GrammyError a Bot API call was refused with (fails the test if it succeeded). */
async function refusal(call: Promise<unknown>): Promise<GrammyError> {
  const outcome = await call.then(
    () => "it succeeded",
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(GrammyError);
  return outcome as GrammyError;
}

/** Waits (up to 3 s) for `condition`, checked every 5 ms. */
async function eventually(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still false after 3 s: ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("a real grammY bot talking to the local Bot API", () => {
  it("receives the user's text by long polling, and its reply is stored as Telegram returns it", async () => {
    const { api } = await startPollingBot((bot) =>
      bot.on("message:text", (ctx) => ctx.reply(`Bạn nói: <b>${ctx.message.text}</b>`, { parse_mode: "HTML" })),
    );

    api.sendText(lan, "xin chào");
    const reply = await api.waitForCall((c) => c.method === "sendMessage");

    expect(reply.payload).toMatchObject({ chat_id: 501, text: "Bạn nói: <b>xin chào</b>", parse_mode: "HTML" });
    expect(reply.response.result).toMatchObject({
      message_id: 2, // the user's message was 1: one sequence per chat
      chat: { id: 501, type: "private", first_name: "Lan" },
      from: { id: 1000, is_bot: true, username: "motcua_bot" },
      text: "Bạn nói: xin chào",
      entities: [{ type: "bold", offset: 9, length: 8 }],
    });
    expect(api.messagesTo(501)).toEqual([
      expect.objectContaining({ text: "Bạn nói: xin chào", sent_text: "Bạn nói: <b>xin chào</b>", parse_mode: "HTML" }),
    ]);
    // grammY confirms the update with the offset of its next getUpdates, once the handler is done.
    await eventually(() => api.pendingUpdates() === 0);
  });

  it("marks a leading /command with a bot_command entity, so bot.command handlers run", async () => {
    const { api } = await startPollingBot((bot) => bot.command("start", (ctx) => ctx.reply(`payload: ${ctx.match}`)));

    const update = api.sendText(lan, "/start xa-16855");

    expect(update.message?.entities).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);
    const reply = await api.waitForCall((c) => c.method === "sendMessage");
    expect(reply.payload.text).toBe("payload: xa-16855");
  });

  it("delivers a shared location, and the venue the bot answers with is stored with its pin", async () => {
    const { api } = await startPollingBot((bot) =>
      bot.on("message:location", (ctx) =>
        ctx.replyWithVenue(
          ctx.message.location.latitude,
          ctx.message.location.longitude,
          "Trung tâm PVHCC",
          "Xã Chiêu Lưu, Nghệ An",
        ),
      ),
    );

    api.shareLocation(lan, 19.35, 104.29);
    await api.waitForCall((c) => c.method === "sendVenue");

    expect(api.messagesTo(501)[0]).toMatchObject({
      venue: {
        title: "Trung tâm PVHCC",
        address: "Xã Chiêu Lưu, Nghệ An",
        location: { latitude: 19.35, longitude: 104.29 },
      },
      location: { latitude: 19.35, longitude: 104.29 },
    });
  });

  it("delivers a button press with the bot's message, and lets the bot answer that query only once", async () => {
    const { api, bot } = await startPollingBot((b) =>
      b.callbackQuery(/^commune:(\d+)$/, async (ctx) => {
        await ctx.answerCallbackQuery();
        await ctx.reply(`chose ${ctx.match[1]} under "${ctx.callbackQuery.message?.text}"`);
      }),
    );
    const keyboard = new InlineKeyboard().text("Bảo Thắng, Lào Cai", "commune:2962").text("Chiêu Lưu", "commune:16855");
    const question = await bot.api.sendMessage(lan.id, "Bạn ở nơi nào?", { reply_markup: keyboard });

    const press = api.pressButton(lan, question.message_id, "commune:16855");

    const reply = await api.waitForCall((c) => c.method === "sendMessage" && c.payload.text.startsWith("chose"));
    expect(reply.payload.text).toBe('chose 16855 under "Bạn ở nơi nào?"');
    const again = await refusal(bot.api.answerCallbackQuery(press.callback_query?.id ?? ""));
    expect(again.description).toBe("Bad Request: query is too old and response timeout expired or query ID is invalid");
    // A button that is not on the message cannot be pressed, in Telegram or here.
    expect(() => api.pressButton(lan, question.message_id, "commune:1")).toThrow(/no button with data "commune:1"/);
  });

  it("counts updates as pending until a getUpdates offset confirms them", async () => {
    const { api, bot } = await startApi();
    api.sendText(lan, "một");
    api.sendText(lan, "hai");

    const updates = await bot.api.getUpdates();
    expect(updates.map((u) => u.message?.text)).toEqual(["một", "hai"]);
    expect(api.pendingUpdates()).toBe(2);

    await bot.api.getUpdates({ offset: (updates.at(-1)?.update_id ?? 0) + 1, timeout: 0 });
    expect(api.pendingUpdates()).toBe(0);
  });
});

describe("the local Bot API refuses what Telegram refuses", () => {
  // Every test here provokes refusals on purpose; elsewhere one fails the test.
  beforeEach(expectRefusals);

  it("when the bot sends a 65-byte callback_data, the API refuses it like Telegram (BUTTON_DATA_INVALID)", async () => {
    const { api, bot } = await startApi();
    // "đ" is 2 bytes in UTF-8: 33 of them are only 33 characters but 66 bytes.
    const tooLong = new InlineKeyboard().text("Đăng ký", "đ".repeat(33));
    const justFits = new InlineKeyboard().text("Đăng ký", "đ".repeat(32));

    const error = await refusal(bot.api.sendMessage(lan.id, "Chọn", { reply_markup: tooLong }));

    expect(error.error_code).toBe(400);
    expect(error.description).toBe("Bad Request: BUTTON_DATA_INVALID");
    expect(api.messagesTo(lan.id)).toEqual([]);
    await expect(bot.api.sendMessage(lan.id, "Chọn", { reply_markup: justFits })).resolves.toMatchObject({
      text: "Chọn",
    });
  });

  // Positions are in UTF-8 bytes, as Telegram reports them: "Dòng một" is 8 letters, 11 bytes.
  it.each([
    ["an unclosed tag", "<b>Giấy khai sinh", `Can't find end tag corresponding to start tag "b"`],
    ["crossed tags", "<b><i>bản chính</b></i>", `Unmatched end tag at byte offset 18, expected "</i>", found "</b>"`],
    ["a tag Telegram does not know", "Dòng một<br>Dòng hai", `Unsupported start tag "br" at byte offset 11`],
    ["a bare <", "phí < 50.000đ", `Unsupported start tag "" at byte offset 5`],
    ["a bare &", "Ủy ban & Công an", `Character "&" at byte offset 9 must be written as &amp;`],
    [
      "a span that is not a spoiler",
      '<span class="note">x</span>',
      `Tag "span" must have class "tg-spoiler" at byte offset 0`,
    ],
  ])("refuses HTML with %s", async (_case, text, detail) => {
    const { bot } = await startApi();

    const error = await refusal(bot.api.sendMessage(lan.id, text, { parse_mode: "HTML" }));

    expect(error.error_code).toBe(400);
    expect(error.description).toBe(`Bad Request: can't parse entities: ${detail}`);
  });

  it("accepts escaped HTML and stores the decoded text with its entities", async () => {
    const { bot } = await startApi();
    const text = `<b>Phí</b> &lt; 50.000đ &amp; <a href="https://dichvucong.gov.vn/?a=1&b=2">nộp trực tuyến</a> &#128205;`;

    const sent = await bot.api.sendMessage(lan.id, text, { parse_mode: "HTML" });

    expect(sent.text).toBe("Phí < 50.000đ & nộp trực tuyến 📍");
    expect(sent.entities).toEqual([
      { type: "bold", offset: 0, length: 3 },
      { type: "text_link", offset: 16, length: 14, url: "https://dichvucong.gov.vn/?a=1&b=2" },
    ]);
  });

  it("refuses a 4097-character message and accepts 4096, counted after the HTML is parsed", async () => {
    const { bot } = await startApi();

    const error = await refusal(bot.api.sendMessage(lan.id, "a".repeat(4097)));

    expect(error.description).toBe("Bad Request: message is too long");
    await expect(bot.api.sendMessage(lan.id, "a".repeat(4096))).resolves.toBeDefined();
    // Tags and entities do not count: 4,103 characters of HTML are 4,096 of text.
    await expect(
      bot.api.sendMessage(lan.id, `<b>${"a".repeat(4096)}</b>`, { parse_mode: "HTML" }),
    ).resolves.toBeDefined();
    const escaped = await refusal(bot.api.sendMessage(lan.id, `${"a".repeat(4096)}&amp;`, { parse_mode: "HTML" }));
    expect(escaped.description).toBe("Bad Request: message is too long");
    // Counted in UTF-16 units, as entity offsets are: an emoji counts 2.
    await expect(bot.api.sendMessage(lan.id, "📍".repeat(2048))).resolves.toBeDefined();
    expect((await refusal(bot.api.sendMessage(lan.id, `${"📍".repeat(2048)}a`))).description).toBe(
      "Bad Request: message is too long",
    );
  });

  it("refuses a 1,025-character caption and accepts 1,024, counted after the HTML is parsed", async () => {
    const { bot } = await startApi();

    const error = await refusal(
      bot.api.sendPhoto(lan.id, "photo-id", { caption: `<b>${"a".repeat(1025)}</b>`, parse_mode: "HTML" }),
    );

    expect(error.description).toBe("Bad Request: message caption is too long");
    await expect(
      bot.api.sendPhoto(lan.id, "photo-id", { caption: `<b>${"a".repeat(1024)}</b>`, parse_mode: "HTML" }),
    ).resolves.toBeDefined();
  });

  it("refuses an edit to a text Telegram would refuse, and leaves the message as it was", async () => {
    const { api, bot } = await startApi();
    const sent = await bot.api.sendMessage(lan.id, "Đang gửi");

    const error = await refusal(
      bot.api.editMessageText(lan.id, sent.message_id, "Đã gửi <mã xã>", { parse_mode: "HTML" }),
    );

    expect(error.description).toBe(`Bad Request: can't parse entities: Unsupported start tag "mã" at byte offset 11`);
    expect(api.messagesTo(lan.id).map((m) => m.text)).toEqual(["Đang gửi"]);
  });

  it("refuses a button answer over 200 characters, and the press can still be answered", async () => {
    const { api } = await startPollingBot((bot) =>
      bot.on("callback_query", async (ctx) => {
        await ctx
          .answerCallbackQuery({ text: "a".repeat(201) })
          .catch(() => ctx.answerCallbackQuery({ text: "a".repeat(200) }));
      }),
    );
    const sent = await new Bot(api.token, { botInfo: api.botInfo, client: { apiRoot: api.apiRoot } }).api.sendMessage(
      lan.id,
      "Chọn",
      {
        reply_markup: new InlineKeyboard().text("Có", "yes"),
      },
    );

    api.pressButton(lan, sent.message_id, "yes");

    await api.waitForCall((c) => c.method === "answerCallbackQuery" && c.response.ok);
    const answers = api.calls.filter((c) => c.method === "answerCallbackQuery");
    expect(answers.map((c) => (c.response.ok ? "ok" : c.response.description))).toEqual([
      "Bad Request: MESSAGE_TOO_LONG",
      "ok",
    ]);
  });

  it("tells whoever listens of each refusal, so that tests can fail on any of them", async () => {
    const { bot } = await startApi();
    const heard: string[] = [];
    const stop = onContentRefusal((call) => heard.push(`${call.method}: ${call.response.description}`));

    await refusal(bot.api.sendMessage(lan.id, "Cách dùng: /grant <mã xã>", { parse_mode: "HTML" }));
    await refusal(bot.api.getChat(lan.id));
    stop();

    expect(heard).toEqual([
      `sendMessage: Bad Request: can't parse entities: Unsupported start tag "mã" at byte offset 20`,
    ]);
  });

  it("checks and reports, for other fake APIs, the texts and captions they are sent", () => {
    const heard: string[] = [];
    const stop = onContentRefusal((call) => heard.push(`${call.method}: ${call.response.description}`));

    const refused = contentRefusal("sendPhoto", { chat_id: lan.id, photo: "p", caption: "a".repeat(1025) });
    const taken = contentRefusal("sendMessage", { chat_id: lan.id, text: "<b>Thông báo</b>", parse_mode: "HTML" });
    stop();

    expect(refused).toEqual({ ok: false, error_code: 400, description: "Bad Request: message caption is too long" });
    expect(taken).toBeUndefined();
    expect(heard).toEqual(["sendPhoto: Bad Request: message caption is too long"]);
  });

  it("refuses a text holding half of an emoji, as a cut in the middle of one leaves it", async () => {
    const { bot } = await startApi();

    const error = await refusal(bot.api.sendMessage(lan.id, "📍".slice(0, 1)));

    expect(error.description).toBe("Bad Request: strings must be encoded in UTF-8");
  });

  it("refuses a message that is empty once tags and surrounding spaces are gone", async () => {
    const { bot } = await startApi();

    for (const text of ["", "   \n ", "<b></b>"]) {
      const error = await refusal(bot.api.sendMessage(lan.id, text, { parse_mode: "HTML" }));
      expect(error.description).toBe("Bad Request: message text is empty");
    }
  });

  it("answers an unknown token with 401 Unauthorized and an unknown method with 404", async () => {
    const { api, bot } = await startApi();
    const impostor = new Bot("1:not-the-token", { botInfo: api.botInfo, client: { apiRoot: api.apiRoot } });

    expect((await refusal(impostor.api.getMe())).error_code).toBe(401);
    const unknown = await refusal(bot.api.getChat(lan.id));
    expect(unknown).toMatchObject({ error_code: 404, description: "Not Found: method getChat" });
  });
});

describe("chat state and fault injection", () => {
  it("applies edits to the chat, removes the keyboard an edit leaves out, and refuses an edit that changes nothing", async () => {
    const { api, bot } = await startApi();
    const keyboard = new InlineKeyboard().text("Có", "a:0:0").text("Không", "a:0:1");
    const question = await bot.api.sendMessage(lan.id, "Sinh tại cơ sở y tế?", { reply_markup: keyboard });
    expect(api.lastKeyboard(lan.id)).toEqual({
      messageId: question.message_id,
      buttons: [
        [
          { text: "Có", data: "a:0:0" },
          { text: "Không", data: "a:0:1" },
        ],
      ],
    });

    await bot.api.editMessageText(lan.id, question.message_id, "Sinh tại cơ sở y tế?\n✓ <b>Có</b>", {
      parse_mode: "HTML",
    });

    const [edited] = api.messagesTo(lan.id);
    expect(edited).toMatchObject({ text: "Sinh tại cơ sở y tế?\n✓ Có", edit_date: expect.any(Number) });
    expect(edited?.reply_markup).toBeUndefined();
    expect(api.lastKeyboard(lan.id)).toBeUndefined();
    const same = await refusal(
      bot.api.editMessageText(lan.id, question.message_id, "Sinh tại cơ sở y tế?\n✓ <b>Có</b>", { parse_mode: "HTML" }),
    );
    expect(same.description).toMatch(/^Bad Request: message is not modified/);

    await bot.api.editMessageReplyMarkup(lan.id, question.message_id, { reply_markup: keyboard });
    expect(api.lastKeyboard(lan.id)?.messageId).toBe(question.message_id);

    await bot.api.deleteMessage(lan.id, question.message_id);
    expect(api.messagesTo(lan.id)).toEqual([]);
    const gone = await refusal(bot.api.editMessageText(lan.id, question.message_id, "x"));
    expect(gone.description).toBe("Bad Request: message to edit not found");
  });

  it("failNext answers the next calls of a method with that error, retry_after included, then works again", async () => {
    const { api, bot } = await startApi();
    api.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 3", retry_after: 3 });
    api.failNext("sendChatAction", { error_code: 502, description: "Bad Gateway" }, 2);

    const flood = await refusal(bot.api.sendMessage(lan.id, "Xin chào"));
    expect(flood).toMatchObject({ error_code: 429, description: "Too Many Requests: retry after 3" });
    expect(flood.parameters.retry_after).toBe(3);
    await expect(bot.api.sendMessage(lan.id, "Xin chào")).resolves.toMatchObject({ text: "Xin chào" });

    expect((await refusal(bot.api.sendChatAction(lan.id, "typing"))).error_code).toBe(502);
    expect((await refusal(bot.api.sendChatAction(lan.id, "typing"))).error_code).toBe(502);
    await expect(bot.api.sendChatAction(lan.id, "typing")).resolves.toBe(true);
    expect(api.messagesTo(lan.id)).toHaveLength(1);
  });

  it("keeps one command list per scope and language", async () => {
    const { bot } = await startApi();

    await bot.api.setMyCommands([{ command: "start", description: "Bắt đầu" }]);
    await bot.api.setMyCommands([{ command: "start", description: "Start" }], { language_code: "en" });

    expect(await bot.api.getMyCommands()).toEqual([{ command: "start", description: "Bắt đầu" }]);
    expect(await bot.api.getMyCommands({ language_code: "en" })).toEqual([{ command: "start", description: "Start" }]);
    const invalid = await refusal(bot.api.setMyCommands([{ command: "Bắt-đầu", description: "x" }]));
    expect(invalid.description).toBe("Bad Request: BOT_COMMAND_INVALID");
  });

  it("waitForCall looks only from `after` on, and on timeout lists the calls that were made", async () => {
    const { api, bot } = await startApi();
    await bot.api.sendMessage(lan.id, "Xin chào");

    const waiting = api.waitForCall((c) => c.method === "sendMessage", { after: api.calls.length, timeoutMs: 100 });

    await expect(waiting).rejects.toThrow(
      /no matching call within 100 ms[\s\S]*sendMessage .*"text":"Xin chào".* -> ok/,
    );
  });

  it("close answers a waiting long poll at once with no updates, and can be called twice", async () => {
    const { api } = await startApi();
    const poll = fetch(`${api.apiRoot}/bot${api.token}/getUpdates`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ timeout: 30 }),
    }).then((response) => response.json());
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the request reach the server

    const closing = Date.now();
    await api.close();

    expect(await poll).toEqual({ ok: true, result: [] });
    expect(Date.now() - closing).toBeLessThan(2000);
    await expect(api.close()).resolves.toBeUndefined();
  });
});

describe("Files a user sends", () => {
  it("a document is served through getFile and the file URL, with the token; over 20 MB getFile refuses as Telegram does", async () => {
    const { api, bot } = await startApi();
    const content = new TextEncoder().encode("Mã hồ sơ,Trạng thái\n");
    const document = api.sendDocument(lan, { name: "export.csv", content, mimeType: "text/csv" }).message?.document;
    expect(document).toMatchObject({ file_name: "export.csv", file_size: content.length, mime_type: "text/csv" });
    const file = await bot.api.getFile(document?.file_id ?? "");
    const url = `${api.apiRoot}/file/bot${api.token}/${file.file_path}`;
    expect(new Uint8Array(await (await fetch(url)).arrayBuffer())).toEqual(content);
    expect((await fetch(url.replace(api.token, "1:wrong"))).status).toBe(404);

    const big = api.sendDocument(lan, { name: "year.xlsx", content: new Uint8Array(0), size: 21 * 1024 * 1024 }).message
      ?.document;
    expect((await refusal(bot.api.getFile(big?.file_id ?? ""))).description).toBe("Bad Request: file is too big");
  });
});
