/** Telegram-style errors of the local Bot API. */
import type { ResponseParameters } from "grammy/types";

/** Telegram's answer to a bad call: thrown by handlers, turned into `{ ok: false, ... }`. */
export class BotApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
  }
}

export const badRequest = (detail: string) => new BotApiError(400, `Bad Request: ${detail}`);
export const cantParse = (detail: string) => badRequest(`can't parse entities: ${detail}`);
