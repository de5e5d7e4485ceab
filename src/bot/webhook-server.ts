import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Bot, webhookCallback } from "grammy";
import type { Update } from "grammy/types";
import type { WebhookConfig } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { BotContext } from "./context.ts";
import { answering, WebhookAnswer } from "./webhook-answer.ts";

/** grammY answers Telegram within this time or lets it re-send; below Telegram's own limit. */
const UPDATE_TIMEOUT_MS = 9_000;
const SECRET_HEADER = "x-telegram-bot-api-secret-token";

/**
 * grammY's adapter for node:http, except that the answer carries the update's last message
 * (see webhook-answer.ts) instead of being empty.
 */
function answeringAdapter(req: IncomingMessage, res: ServerResponse, answer: WebhookAnswer) {
  const header = req.headers[SECRET_HEADER];
  return {
    update: new Promise<Update>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.once("end", () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Update);
        } catch (error) {
          reject(error);
        }
      });
      req.once("error", reject);
    }),
    header: Array.isArray(header) ? header[0] : header,
    end: () => {
      const body = answer.close();
      if (body === undefined) return void res.end();
      res.writeHead(200, { "content-type": "application/json" }).end(body);
    },
    respond: (json: string) => res.writeHead(200, { "content-type": "application/json" }).end(json),
    unauthorized: () => res.writeHead(401).end("secret token is wrong"),
    handlerReturn: undefined,
  };
}

/**
 * Serves Telegram's webhook: POST to the path of WEBHOOK_URL with the secret token checked on
 * every request (401 to a wrong or missing one, and nothing is handled), each update's last
 * message going back in the answer; plus GET /health (the process is up) and GET /ready (it
 * takes updates; 503 while stopping). `close` stops taking requests and resolves once the ones
 * in progress are answered.
 */
export async function startWebhookServer(bot: Bot<BotContext>, config: WebhookConfig, logger: Logger) {
  const path = new URL(config.url).pathname;
  const handleUpdate = webhookCallback(bot, answeringAdapter, { secretToken: config.secret, timeoutMilliseconds: UPDATE_TIMEOUT_MS });
  let ready = true;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "GET" && url.pathname === "/health") return void res.writeHead(200).end("ok");
    if (req.method === "GET" && url.pathname === "/ready") return void res.writeHead(ready ? 200 : 503).end(ready ? "ready" : "stopping");
    if (req.method !== "POST" || url.pathname !== path || !ready) return void res.writeHead(ready ? 404 : 503).end();
    const answer = new WebhookAnswer();
    answering(answer, () => handleUpdate(req, res, answer)).catch((err: unknown) => {
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
