import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openApp } from "../../src/app.ts";
import { type LaunchedBot, launchBot } from "../../src/bot/launch.ts";
import { parseConfig } from "../../src/config.ts";
import { createLogger } from "../../src/logger.ts";
import { type LocalBotApi, startLocalBotApi } from "../support/bot-harness.ts";
import { DATA_DIR } from "../support/catalog.ts";
import { textUpdate } from "../support/updates.ts";

const SECRET = "s3cret-token-for-tests_0123";

describe("Webhook mode", () => {
  let api: LocalBotApi;
  let launched: LaunchedBot | undefined;
  let stateDir: string;
  afterEach(async () => {
    await launched?.stop();
    await api?.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  async function start() {
    api = await startLocalBotApi();
    stateDir = await mkdtemp(join(tmpdir(), "motcua-webhook-"));
    const env = { WEBHOOK_URL: "https://bot.example.gov.vn/telegram/hook", WEBHOOK_SECRET: SECRET, PORT: "0" };
    const config = parseConfig(env);
    const services = await openApp({ ...config, dataDir: DATA_DIR, stateDir, logger: createLogger("silent") });
    launched = await launchBot(services, {
      token: api.token,
      apiRoot: api.apiRoot,
      botInfo: api.botInfo,
      ...(config.webhook ? { webhook: config.webhook } : {}),
    });
    return `http://127.0.0.1:${launched.port}`;
  }

  /** As Telegram posts it: the call in the bot's answer is carried out. */
  const post = (base: string, body: unknown, secret?: string) => api.deliver(`${base}/telegram/hook`, body, secret);

  it("registers the webhook with its secret, and answers an update posted with the right token", async () => {
    const base = await start();
    const setWebhook = api.calls.find((c) => c.method === "setWebhook");
    expect(setWebhook?.payload).toMatchObject({
      url: "https://bot.example.gov.vn/telegram/hook",
      secret_token: SECRET,
    });
    expect(await post(base, textUpdate(1, "/help"), SECRET)).toBe(200);
    expect(
      api.calls.some((c) => c.method === "sendMessage" && String(c.payload.text).includes("Tôi giúp được gì?")),
    ).toBe(true);
  });

  it("sends an update's last message in the webhook's answer, the ones before it at once and in order", async () => {
    const base = await start();
    const before = api.calls.length;
    expect(await post(base, textUpdate(5, "/start"), SECRET)).toBe(200);
    const sent = api.calls.slice(before).filter((c) => c.method === "sendMessage");
    expect(sent.map((c) => [String(c.payload.text).slice(0, 9), c.inWebhookAnswer ?? false])).toEqual([
      ["Xin chào ", false],
      ["Bạn ở xã/", true],
    ]);
    expect(api.messagesTo(7001).map((m) => m.text?.slice(0, 9))).toEqual(["Xin chào ", "Bạn ở xã/"]);
  });

  it("a tap costs one request: the button's answer goes out at once, the card's edit is the webhook's answer", async () => {
    const base = await start();
    const citizen = { id: 7002, first_name: "Lan", language_code: "vi" };
    const tapOn = (label: string) => {
      const keyboard = api.lastKeyboard(citizen.id);
      const button = keyboard?.buttons.flat().find((b) => b.text.includes(label));
      if (!keyboard || !button?.data) throw new Error(`no button "${label}"`);
      return { update: api.pressButton(citizen, keyboard.messageId, button.data), messageId: keyboard.messageId };
    };
    await post(base, api.sendText(citizen, "lam giay khai sinh cho con"), SECRET);
    await post(base, tapOn("Đăng ký khai sinh").update, SECRET);
    const { update: tap, messageId: card } = tapOn("Lệ phí, thời hạn");
    const before = api.calls.length;
    expect(await post(base, tap, SECRET)).toBe(200);
    const tapCalls = api.calls.slice(before).map((c) => [c.method, c.inWebhookAnswer ?? false, c.response.ok]);
    expect(tapCalls).toEqual([
      ["answerCallbackQuery", false, true],
      ["editMessageText", true, true],
    ]);
    const shown = api.messagesTo(citizen.id);
    expect(shown.at(-1)?.message_id).toBe(card);
    expect(shown.at(-1)?.text).toContain("Lệ phí");

    // The answer was lost on the way: Telegram posts the tap again and gets the same edit, which
    // changes nothing (Telegram refuses it as such); the button was answered already.
    const retried = api.calls.length;
    expect(await post(base, tap, SECRET)).toBe(200);
    const again = api.calls.slice(retried);
    expect(again.find((c) => c.inWebhookAnswer)?.payload).toEqual(api.calls[before + 1]?.payload);
    expect(api.messagesTo(citizen.id)).toEqual(shown);
  });

  it("a wrong or missing secret gets 401 and changes nothing", async () => {
    const base = await start();
    const before = api.calls.length;
    expect(await post(base, textUpdate(2, "/help"), "wrong-secret-wrong-secret")).toBe(401);
    expect(await post(base, textUpdate(3, "/help"))).toBe(401);
    expect(api.calls.slice(before).filter((c) => c.method === "sendMessage")).toEqual([]);
  });

  it("has health and readiness endpoints, and a graceful stop finishes the update in flight", async () => {
    const base = await start();
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
    const inFlight = post(base, textUpdate(4, "lam giay khai sinh"), SECRET);
    await new Promise((r) => setTimeout(r, 5));
    const stopping = launched?.stop();
    launched = undefined;
    expect(await inFlight).toBe(200);
    await stopping;
    expect(
      api.calls.some((c) => c.method === "sendMessage" && String(c.payload.text).includes("lam giay khai sinh")),
    ).toBe(true);
    await expect(fetch(`${base}/health`)).rejects.toThrow();
  });
});
