import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { openApp } from "../../src/app.ts";
import { type LaunchedBot, launchBot } from "../../src/bot/launch.ts";
import { parseConfig } from "../../src/config.ts";
import { createLogger } from "../../src/logger.ts";
import { type LocalBotApi, startLocalBotApi, type TestUser } from "../support/bot-harness.ts";
import { DATA_DIR } from "../support/catalog.ts";
import { freshDatabase, TEST_DATABASE_URL } from "../support/postgres.ts";
import { textUpdate } from "../support/updates.ts";

const SECRET = "s3cret-token-for-instances_01";

/**
 * Two instances in webhook mode sharing one PostgreSQL database, as behind a load balancer.
 * Runs when TEST_DATABASE_URL is set.
 */
describe.skipIf(!TEST_DATABASE_URL)("Several instances behind a load balancer", () => {
  let api: LocalBotApi;
  const instances: { launched: LaunchedBot; stateDir: string }[] = [];
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    for (const i of instances.splice(0)) {
      await i.launched.stop();
      await rm(i.stateDir, { recursive: true, force: true });
    }
    await api?.close();
    await drop?.();
  });

  async function startInstances(count: number): Promise<string[]> {
    api = await startLocalBotApi();
    const database = await freshDatabase(TEST_DATABASE_URL as string);
    drop = database.drop;
    const env = {
      WEBHOOK_URL: "https://bot.example.gov.vn/telegram/hook",
      WEBHOOK_SECRET: SECRET,
      PORT: "0",
      DATABASE_URL: database.url,
    };
    const config = parseConfig(env);
    const bases: string[] = [];
    for (let n = 0; n < count; n++) {
      const stateDir = await mkdtemp(join(tmpdir(), "motcua-instance-"));
      const services = await openApp({ ...config, dataDir: DATA_DIR, stateDir, logger: createLogger("silent") });
      const launched = await launchBot(services, {
        token: api.token,
        apiRoot: api.apiRoot,
        botInfo: api.botInfo,
        ...(config.webhook ? { webhook: config.webhook } : {}),
      });
      instances.push({ launched, stateDir });
      bases.push(`http://127.0.0.1:${launched.port}`);
    }
    return bases;
  }

  /** As Telegram posts it: the call in the bot's answer is carried out. */
  const deliver = (base: string, body: unknown) => api.deliver(`${base}/telegram/hook`, body, SECRET);
  /** A post whose answer never reaches Telegram (it gave up waiting, or the connection broke). */
  const postAnswerLost = (base: string, body: unknown) =>
    fetch(`${base}/telegram/hook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: JSON.stringify(body),
    }).then((r) => r.status);
  const replies = () => api.calls.filter((c) => c.method === "sendMessage" && c.response?.ok);
  const textsTo = (chatId: number) => api.messagesTo(chatId).map((m) => m.text?.slice(0, 9));
  const GREETED = ["Xin chào ", "Bạn ở xã/"];

  it("an update whose answer was lost is answered from the ledger by the other instance, not handled again", async () => {
    const [a, b] = (await startInstances(2)) as [string, string];
    // /start: a greeting sent at once, then the commune question in the answer.
    expect(await postAnswerLost(a, textUpdate(1, "/start", 7101))).toBe(200);
    expect(textsTo(7101)).toEqual(["Xin chào "]);
    expect(await deliver(b, textUpdate(1, "/start", 7101))).toBe(200);
    expect(textsTo(7101)).toEqual(GREETED);
    expect(await deliver(a, textUpdate(1, "/start", 7101))).toBe(200);
    expect(replies()).toHaveLength(3); // the stored answer again: Telegram carries out the first it gets
    expect(textsTo(7101)).toEqual([...GREETED, "Bạn ở xã/"]);
  });

  it("the same update on both instances at once is handled once", async () => {
    const [a, b] = (await startInstances(2)) as [string, string];
    const statuses = await Promise.all([
      postAnswerLost(a, textUpdate(2, "/start", 7105)),
      deliver(b, textUpdate(2, "/start", 7105)),
    ]);
    expect(statuses).toEqual([200, 200]);
    // Whichever handled it, the greeting went out once and the question once (in b's answer).
    expect(textsTo(7105)).toEqual(GREETED);
  });

  it("one chat's updates on two instances are handled one after the other", async () => {
    const [a, b] = (await startInstances(2)) as [string, string];
    // The greeting is held by Telegram for a while; the second update of the same chat, on the
    // other instance, must wait for the whole first update instead of overtaking it.
    api.failNext("sendMessage", { hangMs: 800 });
    const first = deliver(a, textUpdate(11, "/start", 7102));
    await new Promise((r) => setTimeout(r, 150));
    const second = deliver(b, textUpdate(12, "/help", 7102));
    await Promise.all([first, second]);
    expect(textsTo(7102)).toEqual([...GREETED, "Tôi giúp "]);
  });

  it("a citizen's checklist spread over both instances, one answer lost on the way: each question shown once", async () => {
    const bases = await startInstances(2);
    const citizen: TestUser = { id: 7106, first_name: "Mai", language_code: "vi" };
    let turn = 0;
    const say = (update: Update) => deliver(bases[turn++ % 2] as string, update);
    const tap = (label: string) => {
      const keyboard = api.lastKeyboard(citizen.id);
      const button = keyboard?.buttons.flat().find((b) => b.text.includes(label));
      if (!keyboard || !button?.data) throw new Error(`no button "${label}"`);
      return api.pressButton(citizen, keyboard.messageId, button.data);
    };
    await say(api.sendText(citizen, "/start"));
    await say(api.sendText(citizen, "Chiêu Lưu"));
    await say(api.sendText(citizen, "khai sinh"));
    await say(tap("Đăng ký khai sinh"));
    await say(tap("Lập danh sách giấy tờ"));
    // The answer to "Có" (the next question) is lost: Telegram re-sends the tap to the other instance.
    const yes = tap("Có");
    expect(await postAnswerLost(bases[0] as string, yes)).toBe(200);
    expect(await deliver(bases[1] as string, yes)).toBe(200);
    await say(tap("Không"));
    await say(tap("Chưa, trong 60 ngày"));
    // The questions follow one another in one message, edited in place: each edit shown once.
    const shown = (question: string) =>
      api.calls.filter(
        (c) =>
          ["sendMessage", "editMessageText"].includes(c.method) &&
          c.payload.chat_id === citizen.id &&
          c.response.ok &&
          String(c.payload.text).includes(question),
      );
    for (const question of ["Câu 2/3", "Câu 3/3"]) expect(shown(question)).toHaveLength(1);
    const texts = api.messagesTo(citizen.id).map((m) => m.text ?? "");
    expect(texts.find((t) => t.startsWith("📋"))).toContain("Giấy chứng sinh do cơ sở y tế cấp");
  });

  it("another chat is not held up meanwhile", async () => {
    const [a, b] = (await startInstances(2)) as [string, string];
    api.failNext("sendMessage", { hangMs: 3_000 });
    const slow = deliver(a, textUpdate(21, "/start", 7103));
    await new Promise((r) => setTimeout(r, 150));
    await deliver(b, textUpdate(22, "/help", 7104));
    expect(replies().map((c) => c.payload.chat_id)).toEqual([7104]);
    await slow;
    expect(replies().map((c) => c.payload.chat_id)).toEqual([7104, 7103, 7103]);
  });
});
