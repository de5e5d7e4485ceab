import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { contentRefusal } from "../../src/local-bot-api/index.ts";

export interface FloodLimits {
  /** Messages per second accepted overall; beyond, 429 with retry_after. */
  perSecond: number;
  /** Minimum gap between two messages to one chat (Telegram: about a second). */
  perChatGapMs: number;
  /** Chats that blocked the bot: 403. */
  blocked?: ReadonlySet<number>;
  /** Share of sends answered 500 (deterministic: every n-th). */
  serverErrorEvery?: number;
}

const SEND_METHODS = new Set(["sendMessage", "sendPhoto", "sendLocation", "sendVenue"]);

/**
 * A fake Bot API that enforces flood limits the way Telegram does (429 with retry_after), for
 * broadcast tests and the bench; it counts what each chat received. Only sending methods and
 * getMe are served.
 */
export async function startFloodLimitedApi(limits: FloodLimits) {
  const received = new Map<number, number>();
  const window: number[] = [];
  const lastToChat = new Map<number, number>();
  const stats = { accepted: 0, tooMany: 0, serverErrors: 0, blocked: 0, firstAt: 0, lastAt: 0 };
  let sends = 0;

  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = (req.url ?? "").split("/").pop() ?? "";
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (method === "getMe")
      return answer(res, 200, { ok: true, result: { id: 1, is_bot: true, first_name: "bot", username: "bot" } });
    if (!SEND_METHODS.has(method)) return answer(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    const payload = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as { chat_id: number };
    // Telegram refuses a text it cannot parse before any flood control: so does this, and the test fails.
    const refused = contentRefusal(method, payload);
    if (refused) return answer(res, 400, refused);
    const chatId = Number(payload.chat_id);
    const now = Date.now();
    while (window.length > 0 && (window[0] ?? 0) <= now - 1000) window.shift();
    const tooSoonForChat = now - (lastToChat.get(chatId) ?? 0) < limits.perChatGapMs;
    if (window.length >= limits.perSecond || tooSoonForChat) {
      stats.tooMany++;
      return answer(res, 429, {
        ok: false,
        error_code: 429,
        description: "Too Many Requests: retry after 1",
        parameters: { retry_after: 1 },
      });
    }
    sends++;
    if (limits.serverErrorEvery && sends % limits.serverErrorEvery === 0) {
      stats.serverErrors++;
      return answer(res, 500, { ok: false, error_code: 500, description: "Internal Server Error" });
    }
    if (limits.blocked?.has(chatId)) {
      stats.blocked++;
      return answer(res, 403, { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" });
    }
    window.push(now);
    lastToChat.set(chatId, now);
    received.set(chatId, (received.get(chatId) ?? 0) + 1);
    stats.accepted++;
    stats.firstAt ||= now;
    stats.lastAt = now;
    return answer(res, 200, {
      ok: true,
      result: { message_id: stats.accepted, date: Math.floor(now / 1000), chat: { id: chatId, type: "private" } },
    });
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token: "1:FLOOD",
    received,
    stats,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
