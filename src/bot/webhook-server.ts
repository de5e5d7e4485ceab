import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Bot, webhookCallback } from "grammy";
import type { Update } from "grammy/types";
import type { WebhookConfig } from "../config.ts";
import type { Logger } from "../logger.ts";
import { capConnections } from "./connection-cap.ts";
import type { BotContext } from "./context.ts";
import { answerUpdate, WebhookAnswer } from "./webhook-answer.ts";
import { hasSecret, readUpdate } from "./webhook-request.ts";

/** grammY answers Telegram within this time or lets it re-send; below Telegram's own limit. */
const UPDATE_TIMEOUT_MS = 9_000;

/**
 * How long a connection may take: its headers (Telegram sends them at once), its whole request
 * (a small update), and the quiet between two requests on a kept-alive connection. Together with
 * the connection cap they bound what a slow or idle client can hold. The timeouts are checked
 * every 2 s instead of Node's 30 s.
 */
const TIMEOUTS = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 2_000,
};

/**
 * A refusal that closes the connection: whatever is left of the body is not read (Node would
 * otherwise read it to the end to reuse the connection).
 */
const refuse = (res: ServerResponse, status: number) => void res.writeHead(status, { connection: "close" }).end();

/**
 * grammY's adapter for node:http, given an update already read and checked (see handleWebhook),
 * except that the answer carries the update's last message (see webhook-answer.ts) instead of
 * being empty.
 */
function answeringAdapter(update: Update, res: ServerResponse, answer: WebhookAnswer) {
  return {
    update: Promise.resolve(update),
    end: () => {
      const body = answer.close();
      if (body === undefined) return void res.end();
      res.writeHead(200, { "content-type": "application/json" }).end(body);
    },
    respond: (json: string) => res.writeHead(200, { "content-type": "application/json" }).end(json),
    // Not called: the secret is checked before grammY sees the request.
    unauthorized: () => refuse(res, 401),
    handlerReturn: undefined,
  };
}

/**
 * Serves Telegram's webhook: POST to the path of WEBHOOK_URL, the secret token checked on the
 * header before anything of the body is read (401 to a wrong or missing one), the body capped
 * (413) and parsed (400 if it is not an update), each update's last message going back in the
 * answer; plus GET /health (the process is up) and GET /ready (it takes updates; 503 while
 * stopping). `close` stops taking requests and resolves once the ones in progress are answered.
 */
export async function startWebhookServer(bot: Bot<BotContext>, config: WebhookConfig, logger: Logger) {
  const path = new URL(config.url).pathname;
  const handleUpdate = webhookCallback(bot, answeringAdapter, { timeoutMilliseconds: UPDATE_TIMEOUT_MS });
  let ready = true;

  async function handleWebhook(req: IncomingMessage, res: ServerResponse) {
    if (!hasSecret(req, config.secret)) return refuse(res, 401);
    const body = await readUpdate(req);
    if ("status" in body && body.status === 400) return refuse(res, 400);
    // The connection stays open, its unread rest paused: closing a socket with data unread makes
    // the kernel reset it, and the client could lose this answer. Its request never completes,
    // so requestTimeout, the client's own close or the connection cap ends it.
    if ("status" in body) return void res.writeHead(413).end();
    const answer = new WebhookAnswer();
    answerUpdate(body.update, answer);
    await handleUpdate(body.update, res, answer);
  }

  const server: Server = createServer(TIMEOUTS, (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "GET" && url.pathname === "/health") return void res.writeHead(200).end("ok");
    if (req.method === "GET" && url.pathname === "/ready")
      return void res.writeHead(ready ? 200 : 503).end(ready ? "ready" : "stopping");
    if (req.method !== "POST" || url.pathname !== path || !ready) return refuse(res, ready ? 404 : 503);
    handleWebhook(req, res).catch((err: unknown) => {
      logger.error({ err }, "webhook update failed");
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  capConnections(server, config.maxConnections);
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
