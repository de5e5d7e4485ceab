/**
 * The bot's own work per update, without HTTP: `node --max-semi-space-size=64 --import tsx
 * bench/middleware.ts` (the Node flags of `npm start`). The bot of createBot, with the Bot API
 * answered in-process after a turn of the event loop, handles updates of 200 chats, IN_FLIGHT at
 * a time, as polling hands them over; printed per kind: CPU ms per update (user + system) and
 * the garbage collections over the timed updates. Steadier than the whole-bot bench, which
 * measures HTTP and the fake Telegram as well: use it to tell which part of an update costs.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PerformanceObserver } from "node:perf_hooks";
import type { Update, UserFromGetMe } from "grammy/types";
import { openApp } from "../src/app.ts";
import { createBroadcastRunner } from "../src/bot/broadcast/runner.ts";
import { createBot } from "../src/bot/index.ts";
import { UpdateTracker } from "../src/bot/middlewares/update-tracker.ts";
import { parseConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { textUpdate } from "../tests/support/updates.ts";

const UPDATES = 6_000;
const IN_FLIGHT = 100;
const CHATS = 200;
const TOKEN = "1:bench";
const NO_API = "http://127.0.0.1:9";
const botInfo = { id: 1, is_bot: true, first_name: "motcua", username: "motcua_bot" } as UserFromGetMe;

/** What a citizen of chat `id` sends, by kind: the whole-bot bench's steps. */
const kinds: Record<string, (id: number, n: number) => Update> = {
  search: (id, n) => textUpdate(n, "lam giay khai sinh cho con", id) as Update,
  card: (id, n) => tap(id, n, "p:1.001193"),
  "checklist answer": (id, n) => tap(id, n, "q:1.001193:0"),
  "last answer, the checklist": (id, n) => tap(id, n, "q:1.001193:010"),
};

const chatOf = (id: number) => ({ id, type: "private" as const, first_name: "Dân" });
const from = (id: number) => ({ id, is_bot: false, first_name: "Dân", language_code: "vi" });
const tap = (id: number, n: number, data: string): Update =>
  ({
    update_id: n,
    callback_query: {
      id: String(n),
      from: from(id),
      chat_instance: "1",
      data,
      message: { message_id: 1, date: 0, chat: chatOf(id), text: "…" },
    },
  }) as Update;

const stateDir = await mkdtemp(join(tmpdir(), "motcua-bench-middleware-"));
const services = await openApp({ ...parseConfig({ STATE_DIR: stateDir }), logger: createLogger("silent") });
const broadcasts = createBroadcastRunner(services, TOKEN, NO_API, 5);
const bot = createBot(services, { token: TOKEN, apiRoot: NO_API, botInfo, broadcasts, tracker: new UpdateTracker() });
let messageId = 1;
bot.api.config.use(async (_prev, method, payload) => {
  await new Promise((resolve) => setImmediate(resolve));
  const sent = method === "sendMessage" || method === "editMessageText";
  const chat = chatOf(Number((payload as { chat_id?: number }).chat_id));
  return { ok: true, result: (sent ? { message_id: ++messageId, date: 0, chat, text: "…" } : true) as never };
});

let collections = 0;
new PerformanceObserver((list) => {
  collections += list.getEntries().length;
}).observe({ entryTypes: ["gc"] });

async function handleAll(make: (id: number, n: number) => Update): Promise<void> {
  for (let n = 0; n < UPDATES; n += IN_FLIGHT)
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, (_, k) => bot.handleUpdate(make(1_000 + ((n + k) % CHATS), n + k))),
    );
}

for (const [kind, make] of Object.entries(kinds)) {
  await handleAll(make); // warm
  collections = 0;
  const before = process.cpuUsage();
  await handleAll(make);
  const cpu = process.cpuUsage(before);
  const ms = (cpu.user + cpu.system) / 1000 / UPDATES;
  process.stdout.write(`${kind}: ${ms.toFixed(3)} ms of CPU per update, ${collections} collections\n`);
}
await services.store.close();
await rm(stateDir, { recursive: true, force: true });
