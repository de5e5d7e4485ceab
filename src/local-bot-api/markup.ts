/** Keyboards as Telegram checks them (64-byte callback data, one action per button). */
import { badRequest, refused } from "./errors.ts";
import { MAX_CALLBACK_DATA_BYTES } from "./formatting.ts";
import { type Json, jsonField } from "./params.ts";
import type { KeyboardView } from "./types.ts";

const INLINE_BUTTON_ACTIONS = [
  "callback_data",
  "url",
  "web_app",
  "login_url",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "copy_text",
  "callback_game",
  "pay",
];

/** Validates reply_markup like Telegram; returns it parsed, or undefined when absent. */
export function checkReplyMarkup(value: unknown): Json | undefined {
  if (value === undefined || value === null) return undefined;
  const markup = jsonField(value, "reply keyboard markup");
  if (typeof markup !== "object" || markup === null) throw badRequest("can't parse reply keyboard markup JSON object");
  const rows = (markup as Json).inline_keyboard;
  if (rows !== undefined) checkInlineKeyboard(rows);
  return markup as Json;
}

function checkInlineKeyboard(rows: unknown): void {
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
  }
  for (const row of rows as unknown[][]) for (const button of row) checkInlineButton(button);
}

function checkInlineButton(button: unknown): void {
  if (typeof button !== "object" || button === null || typeof (button as Json).text !== "string") {
    throw badRequest(`can't parse inline keyboard button: Can't find field "text"`);
  }
  const fields = button as Json;
  if ("callback_data" in fields) {
    // The limit is in bytes: "đ" counts 2, so 33 Vietnamese letters can already be too many.
    const bytes = Buffer.byteLength(String(fields.callback_data), "utf8");
    if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) throw refused("BUTTON_DATA_INVALID");
  }
  if (!INLINE_BUTTON_ACTIONS.some((action) => action in fields)) {
    throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  }
}

/** Only inline keyboards are part of a Message; reply keyboards live in the client. */
export function inlineOnly(markup: Json | undefined): Json | undefined {
  return markup && Array.isArray(markup.inline_keyboard) ? markup : undefined;
}

export function keyboardView(messageId: number, markup: Json): KeyboardView {
  const rows = markup.inline_keyboard as Json[][];
  const buttons = rows.map((row) =>
    row.map((b) => ({
      text: String(b.text),
      ...(b.callback_data !== undefined ? { data: String(b.callback_data) } : {}),
      ...(b.url !== undefined ? { url: String(b.url) } : {}),
    })),
  );
  return { messageId, buttons };
}
