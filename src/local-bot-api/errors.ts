/** Telegram-style errors of the local Bot API, and the envelope they are answered in. */
import type { ResponseParameters } from "grammy/types";
import type { ApiResponse } from "./types.ts";

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

/**
 * A message Telegram refuses for what it says or carries (HTML it cannot parse, a text too
 * long, a button's data over 64 bytes): always a bug of ours, which tests must not let pass.
 */
export class ContentRefusal extends BotApiError {
  constructor(detail: string) {
    super(400, `Bad Request: ${detail}`);
  }
}

export const badRequest = (detail: string) => new BotApiError(400, `Bad Request: ${detail}`);
export const refused = (detail: string) => new ContentRefusal(detail);
export const cantParse = (detail: string) => refused(`can't parse entities: ${detail}`);

export function errorResponse(error: BotApiError): ApiResponse {
  return {
    ok: false,
    error_code: error.errorCode,
    description: error.description,
    ...(error.parameters ? { parameters: error.parameters } : {}),
  };
}
