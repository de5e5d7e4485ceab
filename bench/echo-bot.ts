/**
 * The baseline of the throughput bench: a minimal grammY bot that echoes texts, polling with
 * `bot.start()` as a newcomer writes it, or with the runner (`--runner`) as motcua does; with
 * WEBHOOK_URL, served by grammY's webhookCallback on PORT (GET /health answers "ok"), its reply
 * put in the webhook's answer as grammY's `canUseWebhookReply` allows. TELEGRAM_API_ROOT,
 * BOT_TOKEN and WEBHOOK_SECRET as for motcua.
 */
import { createServer } from "node:http";
import { run } from "@grammyjs/runner";
import { Bot, webhookCallback } from "grammy";

const webhook = process.env.WEBHOOK_URL;
const bot = new Bot(process.env.BOT_TOKEN ?? "", {
  client: {
    apiRoot: process.env.TELEGRAM_API_ROOT ?? "",
    ...(webhook ? { canUseWebhookReply: (method) => method === "sendMessage" } : {}),
  },
});
bot.on("message:text", (ctx) => ctx.reply(ctx.message.text));
if (webhook) {
  const path = new URL(webhook).pathname;
  const handle = webhookCallback(bot, "http", { secretToken: process.env.WEBHOOK_SECRET ?? "" });
  await bot.init();
  createServer((req, res) => {
    if (req.method === "POST" && req.url === path) return void handle(req, res);
    res.writeHead(req.url === "/health" ? 200 : 404).end("ok");
  }).listen(Number(process.env.PORT));
} else if (process.argv.includes("--runner")) run(bot);
else void bot.start();
process.once("SIGTERM", () => process.exit(0));
