import { connect, type Socket } from "node:net";
import { SECRET_HEADER } from "../../bot/webhook-request.ts";

/** What a probe got: an HTTP status, or no answer at all (refused, reset, timed out). */
export type Outcome = number | "no answer";

/** Bodies a stranger might post: empty, not JSON, cut-off JSON, JSON that is not an update. */
const BAD_BODIES = ["", "x", "{", '{"update_id":', "null", "[]", "\u0000\u0001\u0002", "x".repeat(4096)];

/** Long enough for a loopback answer; only guards against waiting for ever. */
const PROBE_TIMEOUT_MS = 10_000;

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Outcome> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return "no answer";
  }
}

/**
 * `count` POSTs one after the other without the secret (none, then a wrong one, in turn), with
 * bodies that are not updates: their outcomes.
 */
export async function strangerPosts(hookUrl: string, count: number): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (let i = 0; i < count; i++) {
    const headers: Record<string, string> = i % 2 === 0 ? {} : { [SECRET_HEADER]: "not-the-secret-not-the-secret" };
    outcomes.push(await post(hookUrl, BAD_BODIES[i % BAD_BODIES.length] ?? "", headers));
  }
  return outcomes;
}

/** A citizen's private message as Telegram posts it. */
function messageUpdate(
  updateId: number,
  text: string,
  entities: { type: "bot_command"; offset: number; length: number }[] = [],
) {
  const user = { id: 7001, first_name: "Selfcheck" };
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: 0,
      chat: { ...user, type: "private" },
      from: { ...user, is_bot: false },
      text,
      entities,
    },
  };
}

/** A citizen's /help. */
export const helpUpdate = (updateId: number) =>
  messageUpdate(updateId, "/help", [{ type: "bot_command", offset: 0, length: 5 }]);

/** An update with the secret, as Telegram would post it, but `bytes` long: its outcome. */
export function oversizedUpdate(hookUrl: string, secret: string, bytes: number): Promise<Outcome> {
  const update = messageUpdate(1, "x".repeat(bytes));
  return post(hookUrl, JSON.stringify(update), { [SECRET_HEADER]: secret });
}

/** A body with the secret that is not an update's JSON: its outcome. */
export const malformedUpdate = (hookUrl: string, secret: string): Promise<Outcome> =>
  post(hookUrl, "{not json", { [SECRET_HEADER]: secret });

/** GET /health's outcome. */
export async function health(base: string): Promise<Outcome> {
  try {
    const response = await fetch(`${base}/health`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return "no answer";
  }
}

/** Connections opened and left silent, as a flood would. */
export interface IdleFlood {
  /**
   * How many of them the server has closed, once at least `atLeast` have been or after a few
   * seconds: the server accepts, and so closes, connections some time after they are opened.
   */
  closedByServer(atLeast: number): Promise<number>;
  /** Closes the ones still open. */
  end(): void;
}

/** Opens `count` connections to `port` on 127.0.0.1 that send nothing. */
export async function idleFlood(port: number, count: number): Promise<IdleFlood> {
  const sockets: Socket[] = [];
  let closed = 0;
  let ending = false;
  await Promise.all(
    Array.from({ length: count }, () => {
      const socket = connect(port, "127.0.0.1");
      sockets.push(socket);
      socket.on("error", () => undefined);
      socket.once("close", () => {
        if (!ending) closed++;
      });
      return new Promise((resolve) => {
        socket.once("connect", resolve);
        socket.once("close", resolve);
      });
    }),
  );
  return {
    closedByServer: async (atLeast) => {
      const deadline = Date.now() + PROBE_TIMEOUT_MS;
      while (closed < atLeast && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      return closed;
    },
    end: () => {
      ending = true;
      for (const socket of sockets) socket.destroy();
    },
  };
}
