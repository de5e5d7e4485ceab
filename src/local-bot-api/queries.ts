/**
 * Callback queries (a tap on an inline button) and inline queries ("@bot ..."): opened by the
 * user, answered once by the bot, the answer checked as Telegram checks it.
 */
import { badRequest } from "./errors.ts";
import { checkCallbackAnswer, checkMessageText, formatText } from "./formatting.ts";
import { checkReplyMarkup } from "./markup.ts";
import { type Json, jsonField } from "./params.ts";
import type { Payload } from "./payload.ts";

const TOO_OLD = "query is too old and response timeout expired or query ID is invalid";

export class Queries {
  private nextId = 1;
  private readonly openCallbacks = new Set<string>();
  private readonly openInline = new Set<string>();

  /** A new callback query id, open for one answer. */
  openCallback(): string {
    const id = this.newId();
    this.openCallbacks.add(id);
    return id;
  }

  /** A callback query built by a test (pushUpdate) can be answered like one from a tap. */
  acceptCallback(id: string): void {
    this.openCallbacks.add(id);
  }

  openInlineQuery(): string {
    const id = this.newId();
    this.openInline.add(id);
    return id;
  }

  answerCallbackQuery(p: Payload): true {
    const id = String(p.callback_query_id ?? "");
    checkCallbackAnswer(p.text);
    // Each query can be answered once; a second answer is a bug Telegram reports like this.
    if (!this.openCallbacks.delete(id)) throw badRequest(TOO_OLD);
    return true;
  }

  /** Checks the answer as Telegram does (ids, texts, buttons); the answer itself is in `calls`. */
  answerInlineQuery(p: Payload): true {
    if (!this.openInline.delete(String(p.inline_query_id ?? ""))) throw badRequest(TOO_OLD);
    const results = jsonField(p.results, "results");
    if (!Array.isArray(results) || results.length > 50) throw badRequest("RESULTS_TOO_MUCH");
    const ids = new Set<string>();
    for (const result of results as Json[]) {
      const id = String(result.id ?? "");
      if (id === "" || Buffer.byteLength(id, "utf8") > 64 || ids.has(id)) throw badRequest("RESULT_ID_INVALID");
      ids.add(id);
      if (typeof result.title !== "string" || result.title === "") throw badRequest("RESULT_TITLE_EMPTY");
      const content = result.input_message_content as Json | undefined;
      if (!content || typeof content.message_text !== "string") throw badRequest("MESSAGE_EMPTY");
      checkMessageText(formatText(content.message_text, content.parse_mode, content.entities));
      checkReplyMarkup(result.reply_markup);
    }
    return true;
  }

  private newId(): string {
    return `${Date.now()}${this.nextId++}`;
  }
}
