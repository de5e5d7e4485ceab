/** Who hears of the messages a fake Bot API refused for their content (tests fail on them). */
import { ContentRefusal, errorResponse } from "./errors.ts";
import { checkCaption, checkMessageText, formatText } from "./formatting.ts";
import type { Payload } from "./payload.ts";
import type { ApiCall, ApiResponse } from "./types.ts";

const listeners = new Set<(call: ApiCall) => void>();

/**
 * Calls `listener` whenever a fake Bot API of this process refuses a message for its content
 * (unparsable HTML, too long, empty, bad button data); returns the unsubscribe function. Tests
 * use it to fail on any message Telegram would refuse, whichever test sent it.
 */
export function onContentRefusal(listener: (call: ApiCall) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reportContentRefusal(call: ApiCall): void {
  for (const listener of [...listeners]) listener(call);
}

/**
 * For fake APIs other than the local Bot API (the flood-limited one of the broadcast tests and
 * bench): Telegram's refusal of a send's text or caption, reported as the local Bot API reports
 * its own, or undefined when Telegram would take it.
 */
export function contentRefusal(method: string, payload: Payload): ApiResponse | undefined {
  try {
    if (method === "sendMessage" || method === "editMessageText")
      checkMessageText(formatText(payload.text, payload.parse_mode, payload.entities));
    if (method === "sendPhoto") checkCaption(formatText(payload.caption, payload.parse_mode, payload.caption_entities));
    return undefined;
  } catch (error) {
    if (!(error instanceof ContentRefusal)) throw error;
    const response = errorResponse(error);
    reportContentRefusal({ method, payload, at: Date.now(), response });
    return response;
  }
}
