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
import { freshDatabase, TEST_DATABASE_URL } from "../support/postgres.ts";
import { textUpdate } from "../support/updates.ts";

const SECRET = "s3cret-token-for-instances_01";

const helpUpdate = (updateId: number, chatId: number) => textUpdate(updateId, "/help", chatId);

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
    const env = { WEBHOOK_URL: "https://bot.example.gov.vn/telegram/hook", WEBHOOK_SECRET: SECRET, PORT: "0", DATABASE_URL: database.url };
    const config = parseConfig(env);
    const bases: string[] = [];
    for (let n = 0; n < count; n++) {
      const stateDir = await mkdtemp(join(tmpdir(), "motcua-instance-"));
      const services = await openApp({ ...config, dataDir: DATA_DIR, stateDir, logger: createLogger("silent") });
      const launched = await launchBot(services, { token: api.token, apiRoot: api.apiRoot, botInfo: api.botInfo, ...(config.webhook ? { webhook: config.webhook } : {}) });
      instances.push({ launched, stateDir });
      bases.push(`http://127.0.0.1:${launched.port}`);
    }
    return bases;
  }

  const post = (base: string, body: unknown) =>
    fetch(`${base}/telegram/hook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: JSON.stringify(body),
    });
  const replies = () => api.calls.filter((c) => c.method === "sendMessage" && c.response?.ok);

  it("an update Telegram sends again, to the other instance, is answered once", async () => {
    const [a, b] = (await startInstances(2)) as [string, string];
    const responses = await Promise.all([post(a, helpUpdate(1, 7101)), post(b, helpUpdate(1, 7101))]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    await post(b, helpUpdate(1, 7101));
    expect(replies()).toHaveLength(1);
  });

  it("one chat's updates on two instances are handled one after the other", async () => {
    const [a, b] = (await startInstances(2)) as [string, string];
    // The first answer is held by Telegram for a while; the second update of the same chat,
    // on the other instance, must wait for it instead of overtaking it.
    api.failNext("sendMessage", { hangMs: 800 });
    const first = post(a, helpUpdate(11, 7102));
    await new Promise((r) => setTimeout(r, 150));
    const second = post(b, helpUpdate(12, 7102));
    await Promise.all([first, second]);
    expect(replies()).toHaveLength(2);
    // Calls are listed as answered: had the second overtaken, it would come first though sent later.
    const sentAt = replies().map((c) => c.at);
    expect(sentAt).toEqual([...sentAt].sort((x, y) => x - y));
  });

  it("another chat is not held up meanwhile", async () => {
    const [a, b] = (await startInstances(2)) as [string, string];
    api.failNext("sendMessage", { hangMs: 3_000 });
    const slow = post(a, helpUpdate(21, 7103));
    await new Promise((r) => setTimeout(r, 150));
    await post(b, helpUpdate(22, 7104));
    expect(replies().map((c) => c.payload.chat_id)).toEqual([7104]);
    await slow;
    expect(replies().map((c) => c.payload.chat_id)).toEqual([7104, 7103]);
  });
});
