/**
 * The baseline of the throughput bench: a minimal grammY bot that echoes texts, polling with
 * `bot.start()` as a newcomer writes it, or with the runner (`--runner`) as motcua does.
 * TELEGRAM_API_ROOT and BOT_TOKEN as for motcua.
 */
import { run } from "@grammyjs/runner";
import { Bot } from "grammy";

const bot = new Bot(process.env.BOT_TOKEN ?? "", { client: { apiRoot: process.env.TELEGRAM_API_ROOT ?? "" } });
bot.on("message:text", (ctx) => ctx.reply(ctx.message.text));
if (process.argv.includes("--runner")) run(bot);
else void bot.start();
process.once("SIGTERM", () => process.exit(0));
