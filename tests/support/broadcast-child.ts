/**
 * A bot process reduced to its broadcast runner: resumes every notice still being sent in
 * STATE_DIR, against TELEGRAM_API_ROOT, and exits when all are done. SIGTERM stops it
 * gracefully (messages in flight finish and are recorded), as the bot does.
 */
import { openApp } from "../../src/app.ts";
import { createBroadcastRunner } from "../../src/bot/broadcast/runner.ts";
import { parseConfig } from "../../src/config.ts";
import { createLogger } from "../../src/logger.ts";

const config = parseConfig(process.env);
const services = await openApp({ ...config, logger: createLogger("silent") });
const runner = createBroadcastRunner(
  services,
  config.botToken ?? "",
  config.telegramApiRoot,
  config.telegramTimeoutSeconds,
);
process.once("SIGTERM", () => {
  void runner.stop().then(() => process.exit(0));
});
await Promise.all((await services.store.notices.sending()).map((n) => runner.run(n)));
process.exit(0);
