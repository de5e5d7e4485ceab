import type { Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { AppServices } from "../app.ts";
import type { WebhookConfig } from "../config.ts";
import { startBackgroundJobs } from "./background.ts";
import { createBroadcastRunner } from "./broadcast/runner.ts";
import { registerCommands, registerRoleMenus } from "./commands.ts";
import type { BotContext } from "./context.ts";
import { createBot } from "./index.ts";
import { UpdateTracker } from "./middlewares/update-tracker.ts";
import { pollInBatches } from "./polling.ts";
import { startWebhookServer } from "./webhook-server.ts";

export interface LaunchOptions {
  token: string;
  apiRoot: string;
  botInfo?: UserFromGetMe;
  /**
   * Longest wait for the Bot API's answer to any call (TELEGRAM_TIMEOUT_SECONDS); long polls
   * ask for an answer within half of it (at most 30 s), so a quiet poll never looks stuck.
   */
  timeoutSeconds?: number;
  /** How often background jobs run (ms); tests use a short one. */
  backgroundIntervalMs?: number;
  /** Set: serve Telegram's webhook instead of long polling. */
  webhook?: WebhookConfig;
}

/**
 * Everything that runs besides answering updates, started in order: the claim on the store
 * (lowdb: one bot per state folder), command menus, background jobs, unfinished broadcasts, then long
 * polling. `stop` undoes it gracefully: in-flight updates and messages finish first.
 */
export async function launchBot(services: AppServices, options: LaunchOptions) {
  const release = await services.store.claimWriter();
  const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  const broadcasts = createBroadcastRunner(services, options.token, options.apiRoot, timeoutSeconds);
  const tracker = new UpdateTracker();
  const bot = createBot(services, {
    token: options.token,
    apiRoot: options.apiRoot,
    broadcasts,
    tracker,
    timeoutSeconds,
    answersInWebhook: options.webhook !== undefined,
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  });
  // Menus are hints (every command works without them): Telegram refusing one stops nothing.
  await registerCommands(bot.api, services.i18n.translator).catch((err: unknown) =>
    services.logger.warn({ err }, "could not set the command menu; going on"),
  );
  const staffIds = (await services.store.staff.list()).map((g) => g.userId);
  await registerRoleMenus(bot.api, services.i18n.translator, services.adminIds, staffIds, services.logger);
  const background = startBackgroundJobs(bot.api, services, {
    ...(options.backgroundIntervalMs ? { intervalMs: options.backgroundIntervalMs } : {}),
    ...(services.store.broadcasting ? { resumeBroadcasts: () => broadcasts.resumeAll() } : {}),
    // A store with an update ledger is shared by instances (see BotStore).
    ...(services.store.updates ? { refreshStaffChanges: () => services.staffChanges.refresh() } : {}),
  });
  await broadcasts.resumeAll();
  const receiving = options.webhook
    ? await receiveByWebhook(bot, options.webhook, services)
    : await receiveByPolling(bot, services, pollSeconds(timeoutSeconds));
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

/** TELEGRAM_TIMEOUT_SECONDS' default. */
const DEFAULT_TIMEOUT_SECONDS = 60;

/** How long a long poll asks Telegram to wait for updates: well within the call's timeout. */
export const pollSeconds = (timeoutSeconds: number) => Math.max(1, Math.min(30, Math.floor(timeoutSeconds / 2)));

/** Polls Telegram for updates (see pollInBatches), after removing any webhook, as bot.start does. */
async function receiveByPolling(bot: Bot<BotContext>, services: AppServices, timeoutSeconds: number) {
  await bot.init();
  await bot.api.deleteWebhook();
  const polling = pollInBatches(bot, { timeoutSeconds, logger: services.logger });
  return { port: undefined, running: polling.running, stop: () => polling.stop() };
}

/** Tells Telegram where to deliver updates (with the secret), then serves them. */
async function receiveByWebhook(bot: Bot<BotContext>, webhook: WebhookConfig, services: AppServices) {
  await bot.init();
  const server = await startWebhookServer(bot, webhook, services.logger);
  await bot.api.setWebhook(webhook.url, { secret_token: webhook.secret });
  return { port: server.port, running: server.closed, stop: () => server.close() };
}
