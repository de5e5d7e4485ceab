/**
 * The private chats between the bot and its users: the messages of both sides in one id
 * sequence per chat, the bot's edits and deletions, and which inline keyboard is shown last.
 */
import type { UserFromGetMe } from "grammy/types";
import { badRequest } from "./errors.ts";
import { inlineOnly, keyboardView } from "./markup.ts";
import { integer, type Json } from "./params.ts";
import type { Payload } from "./payload.ts";
import type { KeyboardView, StoredMessage, TestUser } from "./types.ts";

/** A message of the bot, kept mutable here; `sentAs` records the unparsed text. */
export interface MessageRecord {
  message: Json & { message_id: number };
  sentAs?: { text: string; parse_mode?: string };
  /** Clock tick when an inline keyboard was last set on it: the latest one is "the" keyboard. */
  keyboardAt: number;
}

export interface ChatState {
  id: number;
  nextMessageId: number;
  messages: Map<number, MessageRecord>;
}

/** The fields an edit may change; an edit that changes none of them is refused. */
const EDITABLE = ["text", "entities", "caption", "caption_entities", "reply_markup"] as const;

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** What the bot sent before entity parsing, kept so tests can check the markup it wrote. */
export function sentAs(source: unknown, parseMode: unknown): MessageRecord["sentAs"] {
  if (source === undefined) return undefined;
  return { text: String(source), ...(typeof parseMode === "string" && parseMode ? { parse_mode: parseMode } : {}) };
}

export function userObject(user: TestUser): Json {
  return {
    id: user.id,
    is_bot: false,
    first_name: user.first_name ?? "User",
    ...(user.username ? { username: user.username } : {}),
    ...(user.language_code ? { language_code: user.language_code } : {}),
  };
}

export class Chats {
  private readonly chats = new Map<number, ChatState>();
  /** The users met so far, for their names in chat objects. */
  private readonly users = new Map<number, TestUser>();
  private keyboardClock = 0;

  constructor(private readonly bot: UserFromGetMe) {}

  /** The chat a call names; Telegram knows every private chat, so an unseen id opens one. */
  chatFor(chatId: unknown): ChatState {
    const id = integer(chatId);
    if (id === undefined) throw badRequest("chat not found");
    let chat = this.chats.get(id);
    if (!chat) {
      chat = { id, nextMessageId: 1, messages: new Map() };
      this.chats.set(id, chat);
    }
    return chat;
  }

  remember(user: TestUser): void {
    this.users.set(user.id, user);
  }

  /** A message from the user; it takes a message_id in the same sequence as the bot's. */
  userMessage(user: TestUser, content: Json): Json {
    this.remember(user);
    const chat = this.chatFor(user.id);
    const base = {
      message_id: chat.nextMessageId++,
      date: nowSeconds(),
      chat: this.chatObject(chat),
      from: userObject(user),
    };
    return { ...base, ...content };
  }

  /** A message of the bot, kept only if it is one (the user's messages live in updates). */
  botMessage(chatId: number, messageId: number): MessageRecord | undefined {
    return this.chats.get(chatId)?.messages.get(messageId);
  }

  storeMessage(chat: ChatState, content: Json, markup: Json | undefined, sent?: MessageRecord["sentAs"]): Json {
    const from = { id: this.bot.id, is_bot: true, first_name: this.bot.first_name, username: this.bot.username };
    const keyboard = inlineOnly(markup);
    const message = {
      message_id: chat.nextMessageId++,
      from,
      date: nowSeconds(),
      chat: this.chatObject(chat),
      ...content,
      ...(keyboard ? { reply_markup: keyboard } : {}),
    };
    chat.messages.set(message.message_id, {
      message,
      ...(sent ? { sentAs: sent } : {}),
      keyboardAt: ++this.keyboardClock,
    });
    return structuredClone(message);
  }

  messageToEdit(p: Payload): MessageRecord {
    if (p.inline_message_id !== undefined) throw badRequest("inline messages are not supported by the local Bot API");
    const record = this.chatFor(p.chat_id).messages.get(integer(p.message_id) ?? -1);
    if (!record) throw badRequest("message to edit not found");
    return record;
  }

  applyEdit(record: MessageRecord, content: Json, markup: Json | undefined, sent: MessageRecord["sentAs"]): Json {
    const message = record.message;
    const before = JSON.stringify(EDITABLE.map((key) => message[key]));
    const after = JSON.stringify([content.text, content.entities, content.caption, content.caption_entities, markup]);
    if (before === after) {
      throw badRequest(
        "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
      );
    }
    for (const key of EDITABLE) delete message[key];
    Object.assign(message, content, markup ? { reply_markup: markup } : {}, { edit_date: nowSeconds() });
    if (sent) record.sentAs = sent;
    if (markup) record.keyboardAt = ++this.keyboardClock;
    return structuredClone(message);
  }

  deleteMessage(chatId: unknown, messageId: unknown): void {
    const chat = this.chatFor(chatId);
    if (!chat.messages.delete(integer(messageId) ?? -1)) throw badRequest("message to delete not found");
  }

  messagesTo(chatId: number): StoredMessage[] {
    const records = [...(this.chats.get(chatId)?.messages.values() ?? [])];
    return records.sort((a, b) => a.message.message_id - b.message.message_id).map(storedView);
  }

  lastKeyboard(chatId: number): KeyboardView | undefined {
    let latest: MessageRecord | undefined;
    for (const record of this.chats.get(chatId)?.messages.values() ?? []) {
      if (!inlineOnly(record.message.reply_markup as Json | undefined)) continue;
      if (!latest || record.keyboardAt > latest.keyboardAt) latest = record;
    }
    return latest && keyboardView(latest.message.message_id, latest.message.reply_markup as Json);
  }

  private chatObject(chat: ChatState): Json {
    const user = this.users.get(chat.id);
    return {
      id: chat.id,
      type: "private",
      first_name: user?.first_name ?? "User",
      ...(user?.username ? { username: user.username } : {}),
    };
  }
}

/** A copy of a message for tests, with what the bot sent before entity parsing. */
function storedView(record: MessageRecord): StoredMessage {
  const sent = record.sentAs
    ? { sent_text: record.sentAs.text, ...(record.sentAs.parse_mode ? { parse_mode: record.sentAs.parse_mode } : {}) }
    : {};
  return { ...structuredClone(record.message), ...sent } as unknown as StoredMessage;
}
