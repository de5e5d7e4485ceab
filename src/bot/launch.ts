import type { UserFromGetMe } from "grammy/types";
import type { AppServices } from "../app.ts";
import { claimStateDir } from "../store/lowdb/instance-lock.ts";
import { startBackgroundJobs } from "./background.ts";
import { createBroadcastRunner } from "./broadcast/runner.ts";
import { registerCommands, registerRoleMenus } from "./commands.ts";
import { createBot } from "./index.ts";

export interface LaunchOptions {
  token: string;
  apiRoot: string;
  botInfo?: UserFromGetMe;
  /** How often background jobs run (ms); tests use a short one. */
  backgroundIntervalMs?: number;
}

/**
 * Everything that runs besides answering updates, started in order: the claim on the state
 * folder (one bot per folder), command menus, background jobs, unfinished broadcasts, then long
 * polling. `stop` undoes it gracefully: in-flight updates and messages finish first.
 */
export async function launchBot(services: AppServices, options: LaunchOptions) {
  const release = await claimStateDir(services.stateDir);
  const broadcasts = createBroadcastRunner(services, options.token, options.apiRoot);
  const bot = createBot(services, { token: options.token, apiRoot: options.apiRoot, broadcasts, ...(options.botInfo ? { botInfo: options.botInfo } : {}) });
  await registerCommands(bot.api, services.i18n.translator);
  const staffIds = (await services.store.staff.list()).map((g) => g.userId);
  await registerRoleMenus(bot.api, services.i18n.translator, services.adminIds, staffIds);
  const background = startBackgroundJobs(bot.api, services, options.backgroundIntervalMs ? { intervalMs: options.backgroundIntervalMs } : {});
  await broadcasts.resumeAll();
  let started!: () => void;
  const polling = new Promise<void>((resolve) => (started = resolve));
  const running = bot.start({ drop_pending_updates: false, onStart: () => started() });
  await polling;
  return {
    bot,
    broadcasts,
    background,
    /** Resolves when polling ends. */
    running,
    async stop(): Promise<void> {
      if (bot.isRunning()) await bot.stop();
      await running;
      await broadcasts.stop();
      await background.stop();
      await services.store.close();
      await release();
    },
  };
}

export type LaunchedBot = Awaited<ReturnType<typeof launchBot>>;
