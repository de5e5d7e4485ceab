import { run } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { AppServices } from "../app.ts";
import type { WebhookConfig } from "../config.ts";
import { claimStateDir } from "../store/lowdb/instance-lock.ts";
import { startBackgroundJobs } from "./background.ts";
import { createBroadcastRunner } from "./broadcast/runner.ts";
import { registerCommands, registerRoleMenus } from "./commands.ts";
import type { BotContext } from "./context.ts";
import { createBot } from "./index.ts";
import { UpdateTracker } from "./middlewares/update-tracker.ts";
import { startWebhookServer } from "./webhook-server.ts";

/** Updates handled at once while polling; one chat's still wait for each other. */
const POLLING_CONCURRENCY = 100;
/** How long fetching updates keeps retrying through errors before the bot gives up. */
const POLLING_RETRY_MS = 24 * 3_600_000;

export interface LaunchOptions {
  token: string;
  apiRoot: string;
  botInfo?: UserFromGetMe;
  /** How often background jobs run (ms); tests use a short one. */
  backgroundIntervalMs?: number;
  /** Set: serve Telegram's webhook instead of long polling. */
  webhook?: WebhookConfig;
}

/**
 * Everything that runs besides answering updates, started in order: the claim on the state
 * folder (one bot per folder), command menus, background jobs, unfinished broadcasts, then long
 * polling. `stop` undoes it gracefully: in-flight updates and messages finish first.
 */
export async function launchBot(services: AppServices, options: LaunchOptions) {
  const release = await claimStateDir(services.stateDir);
  const broadcasts = createBroadcastRunner(services, options.token, options.apiRoot);
  const tracker = new UpdateTracker();
  const bot = createBot(services, { token: options.token, apiRoot: options.apiRoot, broadcasts, tracker, ...(options.botInfo ? { botInfo: options.botInfo } : {}) });
  await registerCommands(bot.api, services.i18n.translator);
  const staffIds = (await services.store.staff.list()).map((g) => g.userId);
  await registerRoleMenus(bot.api, services.i18n.translator, services.adminIds, staffIds);
  const background = startBackgroundJobs(bot.api, services, options.backgroundIntervalMs ? { intervalMs: options.backgroundIntervalMs } : {});
  await broadcasts.resumeAll();
  const receiving = options.webhook ? await receiveByWebhook(bot, options.webhook, services) : await receiveByPolling(bot, services);
  return {
    bot,
    broadcasts,
    background,
    tracker,
    /** The webhook server's port, in webhook mode. */
    port: receiving.port,
    /** Resolves when the bot stops receiving updates. */
    running: receiving.running,
    async stop(): Promise<void> {
      await receiving.stop();
      await tracker.idle();
      await broadcasts.stop();
      await background.stop();
      await services.store.close();
      await release();
    },
  };
}

export type LaunchedBot = Awaited<ReturnType<typeof launchBot>>;

/**
 * Long polling with grammY's runner: updates of different chats are handled at once (see
 * `sequentialize` in createBot), which a busy commune needs. Fetching retries on errors.
 */
async function receiveByPolling(bot: Bot<BotContext>, services: AppServices) {
  await bot.init();
  const runner = run(bot, {
    runner: { silent: true, fetch: { allowed_updates: [] }, retryInterval: "exponential", maxRetryTime: POLLING_RETRY_MS },
    sink: { concurrency: POLLING_CONCURRENCY },
  });
  const running = (runner.task() ?? Promise.resolve()).catch((err: unknown) => services.logger.error({ err }, "polling stopped"));
  return {
    port: undefined,
    running,
    async stop() {
      if (runner.isRunning()) await runner.stop();
      await running;
    },
  };
}

/** Tells Telegram where to deliver updates (with the secret), then serves them. */
async function receiveByWebhook(bot: Bot<BotContext>, webhook: WebhookConfig, services: AppServices) {
  await bot.init();
  const server = await startWebhookServer(bot, webhook, services.logger);
  await bot.api.setWebhook(webhook.url, { secret_token: webhook.secret });
  return { port: server.port, running: server.closed, stop: () => server.close() };
}
