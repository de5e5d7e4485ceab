/**
 * The Bot API methods motcua uses, one handler each, refusing what Telegram refuses (HTML it
 * cannot parse, texts over 4,096 or captions over 1,024 UTF-16 units, callback_data over 64
 * bytes, edits that change nothing). A method missing here answers 404, as a typo would.
 */
import type { UserFromGetMe } from "grammy/types";
import type { Chats } from "./chats.ts";
import { sentAs } from "./chats.ts";
import type { Commands } from "./commands.ts";
import { BotApiError, badRequest, ContentRefusal, errorResponse } from "./errors.ts";
import type { RunCall } from "./faults.ts";
import type { Files } from "./files.ts";
import { checkCaption, checkMessageText, type FormattedText, formatText } from "./formatting.ts";
import { checkReplyMarkup, inlineOnly } from "./markup.ts";
import { coordinates, type Json, requireString } from "./params.ts";
import type { Payload } from "./payload.ts";
import type { Queries } from "./queries.ts";
import { reportContentRefusal } from "./refusals.ts";
import type { UpdateQueue } from "./update-queue.ts";

type Handler = (payload: Payload, signal: AbortSignal) => unknown;

/** The state the methods read and change. */
export interface TelegramState {
  botInfo: UserFromGetMe;
  queue: UpdateQueue;
  chats: Chats;
  files: Files;
  queries: Queries;
  commands: Commands;
}

/** Runs a method in Telegram's envelope: a result, or the error Telegram would answer. */
export function methodRunner(state: TelegramState): RunCall {
  const methods = methodTable(state);
  return async (method, payload, signal) => {
    const handler = methods[method.toLowerCase()];
    if (!handler) return { ok: false, error_code: 404, description: `Not Found: method ${method}` };
    try {
      return { ok: true, result: await handler(payload, signal) };
    } catch (error) {
      if (error instanceof ContentRefusal) {
        const response = errorResponse(error);
        reportContentRefusal({ method, payload, at: Date.now(), response });
        return response;
      }
      if (error instanceof BotApiError) return errorResponse(error);
      // A payload we could not make sense of: say so as Telegram would, without retries.
      return errorResponse(badRequest(error instanceof Error ? error.message : String(error)));
    }
  };
}

/** Handlers by lower-cased method name (Telegram matches method names case-insensitively). */
function methodTable({ botInfo, queue, chats, files, queries, commands }: TelegramState): Record<string, Handler> {
  const table: Record<string, Handler> = {
    getMe: () => botInfo,
    deleteWebhook: () => true,
    // Recorded only: tests post updates to the bot's webhook themselves.
    setWebhook: (p) => {
      if (typeof p.url !== "string") throw badRequest("bad webhook: url is required");
      return true;
    },
    getUpdates: (p, signal) => queue.getUpdates(p, signal),
    setMyCommands: (p) => commands.setMyCommands(p),
    deleteMyCommands: (p) => commands.deleteMyCommands(p),
    getMyCommands: (p) => commands.getMyCommands(p),
    setChatMenuButton: () => true,
    sendChatAction: (p) => {
      chats.chatFor(p.chat_id);
      requireString(p, "action");
      return true;
    },
    sendMessage: (p) => {
      const chat = chats.chatFor(p.chat_id);
      const formatted = formatText(p.text, p.parse_mode, p.entities);
      checkMessageText(formatted);
      const markup = checkReplyMarkup(p.reply_markup);
      return chats.storeMessage(chat, textFields("text", formatted), markup, sentAs(p.text, p.parse_mode));
    },
    editMessageText: (p) => {
      const record = chats.messageToEdit(p);
      if (typeof record.message.text !== "string") throw badRequest("there is no text in the message to edit");
      const formatted = formatText(p.text, p.parse_mode, p.entities);
      checkMessageText(formatted);
      // Without reply_markup the edit removes the inline keyboard, as in Telegram.
      const markup = inlineOnly(checkReplyMarkup(p.reply_markup));
      return chats.applyEdit(record, textFields("text", formatted), markup, sentAs(p.text, p.parse_mode));
    },
    editMessageReplyMarkup: (p) => {
      const record = chats.messageToEdit(p);
      const content: Json = {};
      for (const key of ["text", "entities", "caption", "caption_entities"]) {
        if (record.message[key] !== undefined) content[key] = record.message[key];
      }
      return chats.applyEdit(record, content, inlineOnly(checkReplyMarkup(p.reply_markup)), record.sentAs);
    },
    deleteMessage: (p) => {
      chats.deleteMessage(p.chat_id, p.message_id);
      return true;
    },
    answerCallbackQuery: (p) => queries.answerCallbackQuery(p),
    sendVenue: (p) => {
      const chat = chats.chatFor(p.chat_id);
      const location = coordinates(p);
      const venue = { location, title: requireString(p, "title"), address: requireString(p, "address") };
      return chats.storeMessage(chat, { venue, location }, checkReplyMarkup(p.reply_markup));
    },
    sendLocation: (p) => {
      const chat = chats.chatFor(p.chat_id);
      return chats.storeMessage(chat, { location: coordinates(p) }, checkReplyMarkup(p.reply_markup));
    },
    sendPhoto: (p) => {
      const chat = chats.chatFor(p.chat_id);
      requireString(p, "photo");
      const caption = captionOf(p);
      const content = { photo: files.sentPhoto(), ...caption };
      return chats.storeMessage(chat, content, checkReplyMarkup(p.reply_markup), sentAs(p.caption, p.parse_mode));
    },
    sendDocument: (p) => {
      const chat = chats.chatFor(p.chat_id);
      const document = requireString(p, "document");
      const caption = captionOf(p);
      const content = { document: files.sentDocument(document), ...caption };
      return chats.storeMessage(chat, content, checkReplyMarkup(p.reply_markup), sentAs(p.caption, p.parse_mode));
    },
    answerInlineQuery: (p) => queries.answerInlineQuery(p),
    getFile: (p) => files.getFile(requireString(p, "file_id")),
  };
  return Object.fromEntries(Object.entries(table).map(([name, handler]) => [name.toLowerCase(), handler]));
}

/** Text content fields of a message, with entities only when there are some. */
function textFields(key: "text" | "caption", formatted: FormattedText): Json {
  const entitiesKey = key === "text" ? "entities" : "caption_entities";
  return { [key]: formatted.text, ...(formatted.entities.length ? { [entitiesKey]: formatted.entities } : {}) };
}

/** A media message's caption fields, checked against the 1,024 limit; none for an empty caption. */
function captionOf(p: Payload): Json {
  const caption = formatText(p.caption, p.parse_mode, p.caption_entities);
  checkCaption(caption);
  return caption.text ? textFields("caption", caption) : {};
}
