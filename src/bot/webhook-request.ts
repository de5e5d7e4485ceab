import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Update } from "grammy/types";

/** Telegram's updates weigh a few kilobytes; a body past this is not one, and is not read. */
export const MAX_UPDATE_BYTES = 1_048_576;

export const SECRET_HEADER = "x-telegram-bot-api-secret-token";

/** What a webhook request's body turned out to be: an update, or the status that refuses it. */
export type UpdateBody = { update: Update } | { status: 400 | 413 };

/**
 * Whether the request carries the webhook's secret, judged on the header alone: the body of a
 * stranger's request is never read. Both sides are hashed first so that the comparison takes
 * the same time whatever the header's length.
 */
export function hasSecret(req: IncomingMessage, secret: string): boolean {
  const header = req.headers[SECRET_HEADER];
  if (typeof header !== "string") return false;
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(header), digest(secret));
}

/**
 * Reads an authenticated request's body as an update. Never rejects: a body over `maxBytes`
 * gives 413 and reading stops there (before it starts when Content-Length says so); one that is
 * not an update's JSON, or is cut off, gives 400.
 */
export function readUpdate(req: IncomingMessage, maxBytes = MAX_UPDATE_BYTES): Promise<UpdateBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const tooLarge = () => {
      req.off("data", onData);
      req.pause();
      resolve({ status: 413 });
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge();
      else chunks.push(chunk);
    };
    // Listening marks the body as consumed, so that Node does not read the rest of it to the
    // end after the answer (as it does to reuse a connection) once `tooLarge` has paused it.
    req.on("data", onData);
    if (Number(req.headers["content-length"] ?? 0) > maxBytes) tooLarge();
    req.once("end", () => resolve(parseUpdate(Buffer.concat(chunks))));
    // A client gone mid-body: whatever is answered goes nowhere, but nothing may stay pending.
    req.once("error", () => resolve({ status: 400 }));
    req.once("close", () => resolve({ status: 400 }));
  });
}

function parseUpdate(body: Buffer): UpdateBody {
  try {
    const value: unknown = JSON.parse(body.toString("utf8"));
    const isUpdate =
      typeof value === "object" && value !== null && Number.isInteger((value as { update_id?: unknown }).update_id);
    return isUpdate ? { update: value as Update } : { status: 400 };
  } catch {
    return { status: 400 };
  }
}
