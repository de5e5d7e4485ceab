/**
 * Start-up: configuration, catalog, store, then the bot on Telegram (BOT_TOKEN set) or as a
 * chat in this terminal (no BOT_TOKEN). SIGINT/SIGTERM stop it gracefully.
 */
import { openApp } from "./app.ts";
import { startBackgroundJobs } from "./bot/background.ts";
import { createBroadcastRunner } from "./bot/broadcast/runner.ts";
import { registerCommands } from "./bot/commands.ts";
import { createBot } from "./bot/index.ts";
import { startLocalBotApi } from "./cli/local-bot-api.ts";
import { runTerminalChat } from "./cli/terminal-chat.ts";
import { parseConfig } from "./config.ts";
import { localeFromTelegram } from "./i18n/index.ts";
import { createLogger } from "./logger.ts";
import { claimStateDir } from "./store/lowdb/instance-lock.ts";
import { loadSampleDossiers } from "./store/sample-dossiers.ts";

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const terminal = !config.botToken;
  // In the terminal, logs would mix with the chat: keep only problems, on stderr.
  const logger = createLogger(terminal && !process.env.LOG_LEVEL ? "warn" : config.logLevel, terminal ? process.stderr : undefined);
  const services = await openApp({ ...config, logger });
  const localApi = terminal ? await startLocalBotApi() : undefined;
  if (terminal) await loadSampleDossiers(config.dataDir, services.store.dossiers, new Date());
  const releaseStateDir = await claimStateDir(config.stateDir);
  const token = localApi?.token ?? (config.botToken as string);
  const apiRoot = localApi?.apiRoot ?? config.telegramApiRoot;
  const broadcasts = createBroadcastRunner(services, token, apiRoot);
  const bot = createBot(services, { token, apiRoot, broadcasts, ...(localApi ? { botInfo: localApi.botInfo } : {}) });
  await registerCommands(bot.api, services.i18n.translator);
  const background = startBackgroundJobs(bot.api, services);
  await broadcasts.resumeAll();

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await bot.stop();
    await broadcasts.stop();
    await background.stop();
    await services.store.close();
    await releaseStateDir();
    await localApi?.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);

  if (localApi) {
    const locale = localeFromTelegram(process.env.LANG, config.defaultLocale);
    const user = { id: 1, first_name: locale === "en" ? "friend" : "bạn", language_code: locale };
    process.stdout.write(`${services.i18n.translator(locale)("terminal.banner")}\n`);
    runTerminalChat({ api: localApi, input: process.stdin, output: process.stdout, user, onClose: stop });
  } else {
    logger.info({ apiRoot: config.telegramApiRoot }, "long polling");
  }
  await bot.start({ drop_pending_updates: false });
}

main().catch((error: unknown) => {
  process.stderr.write(`motcua could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
