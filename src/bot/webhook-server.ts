import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Bot, webhookCallback } from "grammy";
import type { WebhookConfig } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { BotContext } from "./context.ts";

/** grammY answers Telegram within this time or lets it re-send; below Telegram's own limit. */
const UPDATE_TIMEOUT_MS = 9_000;

/**
 * Serves Telegram's webhook: POST to the path of WEBHOOK_URL with the secret token checked on
 * every request (grammY answers 401 to a wrong or missing one, and nothing is handled), plus
 * GET /health (the process is up) and GET /ready (it takes updates; 503 while stopping).
 * `close` stops taking requests and resolves once the ones in progress are answered.
 */

export async function startWebhookServer(bot: Bot<BotContext>, config: WebhookConfig, logger: Logger) {
  const path = new URL(config.url).pathname;
  const handleUpdate = webhookCallback(bot, "http", { secretToken: config.secret, timeoutMilliseconds: UPDATE_TIMEOUT_MS });
  let ready = true;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "GET" && url.pathname === "/health") return void res.writeHead(200).end("ok");
    if (req.method === "GET" && url.pathname === "/ready") return void res.writeHead(ready ? 200 : 503).end(ready ? "ready" : "stopping");
    if (req.method !== "POST" || url.pathname !== path || !ready) return void res.writeHead(ready ? 404 : 503).end();
    handleUpdate(req, res).catch((err: unknown) => {
      logger.error({ err }, "webhook update failed");
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(config.port, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    /** Resolves when the server has closed. */
    closed: new Promise<void>((resolve) => server.once("close", () => resolve())),
    close(): Promise<void> {
      ready = false;
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
