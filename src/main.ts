/**
 * Start-up: configuration, catalog, store, then the bot on Telegram (BOT_TOKEN set) or as a
 * chat in this terminal (no BOT_TOKEN). SIGINT/SIGTERM stop it gracefully.
 */
import { openApp } from "./app.ts";
import { launchBot } from "./bot/launch.ts";
import { runTerminalChat } from "./cli/terminal-chat.ts";
import { parseConfig } from "./config.ts";
import { localeFromTelegram } from "./i18n/index.ts";
import { startLocalBotApi } from "./local-bot-api/index.ts";
import { createLogger } from "./logger.ts";
import { loadSampleDossiers } from "./store/sample-dossiers.ts";

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const terminal = !config.botToken;
  // In the terminal, logs would mix with the chat: keep only problems, on stderr.
  const logger = createLogger(
    terminal && !process.env.LOG_LEVEL ? "warn" : config.logLevel,
    terminal ? process.stderr : undefined,
  );
  const services = await openApp({ ...config, logger });
  const localApi = terminal ? await startLocalBotApi() : undefined;
  if (terminal) await loadSampleDossiers(config.dataDir, services.store.dossiers, new Date());
  const launched = await launchBot(services, {
    token: localApi?.token ?? (config.botToken as string),
    apiRoot: localApi?.apiRoot ?? config.telegramApiRoot,
    timeoutSeconds: config.telegramTimeoutSeconds,
    ...(localApi ? { botInfo: localApi.botInfo } : {}),
    ...(config.webhook && !localApi ? { webhook: config.webhook } : {}),
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await launched.stop();
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
    logger.info(
      { apiRoot: config.telegramApiRoot, webhook: config.webhook !== undefined, port: launched.port },
      "receiving updates",
    );
  }
  await launched.running;
}

main().catch((error: unknown) => {
  process.stderr.write(`motcua could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
