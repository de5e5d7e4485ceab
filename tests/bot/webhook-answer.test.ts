import { Api } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { installApiDefaults } from "../../src/bot/helpers/api-defaults.ts";
import { answerOf, apiThrough, sendForResult, WebhookAnswer } from "../../src/bot/webhook-answer.ts";
import { type LocalBotApi, startLocalBotApi } from "../support/bot-harness.ts";

const CHAT = 7301;

describe("An update's last message goes out in the webhook's answer", () => {
  let local: LocalBotApi;
  let answer: WebhookAnswer;
  /** The Api of an update that came by webhook: its calls go through its answer. */
  let api: Api;
  beforeEach(async () => {
    local = await startLocalBotApi();
    answer = new WebhookAnswer();
    api = apiThrough(answer, local.token, { apiRoot: local.apiRoot });
    installApiDefaults(api);
  });
  afterEach(() => local.close());

  /** An Api of the bot's own, outside any webhook request. */
  const outside = () => new Api(local.token, { apiRoot: local.apiRoot });
  const sentTexts = () =>
    local.calls.filter((c) => c.method === "sendMessage" && c.response.ok).map((c) => c.payload.text);
  const asAnswer = (text: string) => ({ method: "sendMessage", chat_id: CHAT, text, parse_mode: "HTML" });

  it("holds the last message; one sent earlier goes out at once, in order", async () => {
    await api.sendMessage(CHAT, "first");
    const standIn = await api.sendMessage(CHAT, "second");
    expect(sentTexts()).toEqual(["first"]);
    expect(standIn.message_id).toBe(0);
    expect(JSON.parse(answer.close() ?? "")).toEqual(asAnswer("second"));
    // Once closed, calls go out as usual (e.g. a handler still running after a timeout).
    await api.sendMessage(CHAT, "late");
    expect(sentTexts()).toEqual(["first", "late"]);
  });

  it("a call other than a message is not held, and what is held goes out before it", async () => {
    await api.sendMessage(CHAT, "held");
    await api.sendChatAction(CHAT, "typing");
    expect(sentTexts()).toEqual(["held"]);
    expect(answer.close()).toBeUndefined();
  });

  it("a message whose result is needed is sent at once, with its real message_id", async () => {
    const sent = await sendForResult(api, () => api.sendMessage(CHAT, "progress"));
    expect(sent.message_id).toBeGreaterThan(0);
    expect(sentTexts()).toEqual(["progress"]);
    expect(answer.close()).toBeUndefined();
  });

  it("a held message meeting a 429 is retried before the next call goes", async () => {
    local.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", retry_after: 1 });
    await api.sendMessage(CHAT, "first");
    await api.sendMessage(CHAT, "second");
    expect(sentTexts()).toEqual(["first"]);
    expect(JSON.parse(answer.close() ?? "")).toEqual(asAnswer("second"));
  });

  it("a held message Telegram refuses fails the next call, and is dropped", async () => {
    local.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" });
    await api.sendMessage(CHAT, "first");
    await expect(api.sendMessage(CHAT, "second")).rejects.toThrow(/blocked by the user/);
    await api.sendMessage(CHAT, "third");
    expect(sentTexts()).toEqual([]);
    expect(JSON.parse(answer.close() ?? "")).toEqual(asAnswer("third"));
  });

  it("a tap: the button's answer goes out when the edit comes, and the edit is the answer", async () => {
    const buttons = { inline_keyboard: [[{ text: "Details", callback_data: "x" }]] };
    const sent = await outside().sendMessage(CHAT, "card", { reply_markup: buttons });
    const query = local.pressButton({ id: CHAT, first_name: "Lan" }, sent.message_id, "x");
    await api.answerCallbackQuery(String(query.callback_query?.id));
    const edited = await api.editMessageText(CHAT, sent.message_id, "card, details");
    expect(local.calls.filter((c) => c.method !== "sendMessage").map((c) => c.method)).toEqual(["answerCallbackQuery"]);
    expect(edited).toMatchObject({ message_id: sent.message_id });
    expect(JSON.parse(answer.close() ?? "")).toMatchObject({ method: "editMessageText", text: "card, details" });
  });

  it("a held button answer Telegram refuses (too old) is dropped without failing the edit", async () => {
    local.failNext("answerCallbackQuery", { error_code: 400, description: "Bad Request: query is too old" });
    await api.answerCallbackQuery("expired");
    await api.editMessageText(CHAT, 1, "card, details");
    expect(JSON.parse(answer.close() ?? "")).toMatchObject({ method: "editMessageText" });
  });

  it("a held edit Telegram refuses (it changes nothing) does not fail the next call", async () => {
    local.failNext("editMessageText", { error_code: 400, description: "Bad Request: message is not modified" });
    await api.editMessageText(CHAT, 1, "same text");
    await api.sendMessage(CHAT, "next");
    expect(JSON.parse(answer.close() ?? "")).toEqual(asAnswer("next"));
  });

  it("outside a webhook request (polling, background jobs) nothing is held", async () => {
    const sent = await outside().sendMessage(CHAT, "notice");
    expect(sent.message_id).toBeGreaterThan(0);
    expect(sentTexts()).toEqual(["notice"]);
    expect(answerOf(outside())).toBeUndefined();
  });
});
