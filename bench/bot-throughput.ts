import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Bot } from "grammy";
import { openApp } from "../src/app.ts";
import { launchBot } from "../src/bot/launch.ts";
import { type LocalBotApi, startLocalBotApi, type TestUser } from "../src/cli/local-bot-api/index.ts";
import { parseConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";

const USERS = 200;
const users: TestUser[] = Array.from({ length: USERS }, (_, i) => ({ id: 60_000 + i, first_name: "U", language_code: "vi" }));

async function drained(api: LocalBotApi): Promise<void> {
  while (api.pendingUpdates() > 0) await new Promise((r) => setTimeout(r, 2));
}

/** Every user does one step at once; returns the updates sent. */
async function step(api: LocalBotApi, act: (u: TestUser) => void): Promise<number> {
  for (const u of users) act(u);
  await drained(api);
  return users.length;
}

const tap = (api: LocalBotApi, label: string) => (u: TestUser) => {
  const keyboard = api.lastKeyboard(u.id);
  const button = keyboard?.buttons.flat().find((b) => b.text.includes(label));
  if (keyboard && button?.data) api.pressButton(u, keyboard.messageId, button.data);
};

/** Our bot: a search, a card, the checklist and its three questions, for every user at once. */
async function ourBot() {
  const api = await startLocalBotApi();
  const stateDir = await mkdtemp(join(tmpdir(), "motcua-bench-bot-"));
  const services = await openApp({ ...parseConfig({}), dataDir: new URL("../data", import.meta.url).pathname, stateDir, logger: createLogger("silent") });
  const bot = await launchBot(services, { token: api.token, apiRoot: api.apiRoot, botInfo: api.botInfo });
  const started = performance.now();
  let updates = 0;
  updates += await step(api, (u) => api.sendText(u, "lam giay khai sinh cho con"));
  updates += await step(api, tap(api, "Đăng ký khai sinh"));
  updates += await step(api, tap(api, "Lập danh sách"));
  updates += await step(api, tap(api, "Có"));
  updates += await step(api, tap(api, "Không"));
  updates += await step(api, tap(api, "Chưa"));
  const seconds = (performance.now() - started) / 1000;
  await bot.stop();
  await api.close();
  await rm(stateDir, { recursive: true, force: true });
  return { bot: "motcua (search, card, 4 checklist steps)", updates, seconds: Math.round(seconds * 100) / 100, perSecond: Math.round(updates / seconds) };
}

/** A minimal grammY bot that echoes, through the same kind of local API. */
async function echoBot() {
  const api = await startLocalBotApi();
  const bot = new Bot(api.token, { botInfo: api.botInfo, client: { apiRoot: api.apiRoot } });
  bot.on("message:text", (ctx) => ctx.reply(ctx.message.text));
  const running = bot.start();
  const started = performance.now();
  let updates = 0;
  for (let i = 0; i < 6; i++) updates += await step(api, (u) => api.sendText(u, `echo ${i}`));
  const seconds = (performance.now() - started) / 1000;
  await bot.stop();
  await running;
  await api.close();
  return { bot: "echo", updates, seconds: Math.round(seconds * 100) / 100, perSecond: Math.round(updates / seconds) };
}

/** Updates per second end to end, over loopback HTTP, both bots polling the same way. */
export async function benchBotThroughput() {
  const echo = await echoBot();
  const ours = await ourBot();
  return { rows: [echo, ours], ratio: Math.round((ours.perSecond / echo.perSecond) * 100) / 100 };
}
