/**
 * A fake Telegram Bot API server of our own, on 127.0.0.1, over real HTTP.
 *
 * grammY talks to it through `client.apiRoot`, exactly as it would talk to Telegram: the
 * end-to-end tests drive the real bot with it, and the terminal chat (`npm start` without a
 * BOT_TOKEN) runs the same bot through it. It answers the methods motcua uses, keeps the chat
 * state (messages, edits, keyboards), and validates payloads the way Telegram does where our
 * bugs would otherwise only show up in production: text length after entity parsing, HTML
 * that Telegram cannot parse, callback_data over 64 bytes, edits that change nothing.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { BotCommand, Message, MessageEntity, ResponseParameters, Update, UserFromGetMe } from "grammy/types";

// ---------------------------------------------------------------------------------------------
// Public types

/** A Telegram user acting in tests or in the terminal. Their private chat id is their user id. */
export interface TestUser {
  id: number;
  first_name?: string;
  language_code?: string;
  username?: string;
}

/** What the server answered, in Telegram's envelope. */
export interface ApiResponse {
  ok: boolean;
  /** Present when `ok`. `any` on purpose: tests read nested fields of any Bot API object. */
  result?: any;
  error_code?: number;
  description?: string;
  parameters?: ResponseParameters;
}

/** One request the bot made, with the answer it got. */
export interface ApiCall {
  /** Bot API method as the client spelled it, e.g. "sendMessage". */
  method: string;
  /** Parsed request body. `any` on purpose: tests read e.g. `payload.reply_markup.keyboard[0]`. */
  payload: Record<string, any>;
  /** `Date.now()` when the request arrived (calls are listed in the order they were answered). */
  at: number;
  response: ApiResponse;
}

/**
 * A message the bot sent, in its current state (edits applied), as Telegram would return it:
 * `text`/`caption` after entity parsing, with `entities`. Two extra fields, not Telegram's, keep
 * what the bot actually sent so tests can check the markup.
 */
export type StoredMessage = Message & {
  /** parse_mode of the last send or edit of the text/caption, if any. */
  parse_mode?: string;
  /** The text (or caption) exactly as the bot sent it, before entity parsing. */
  sent_text?: string;
};

/** An inline button as tests and the terminal see it. */
export interface KeyboardButtonView {
  text: string;
  data?: string;
  url?: string;
}

/** The inline keyboard attached to one of the bot's messages. */
export interface KeyboardView {
  messageId: number;
  buttons: KeyboardButtonView[][];
}

/** An error to answer instead of running a method (fault injection). */
export interface InjectedError {
  error_code: number;
  description: string;
  /** Goes into `parameters.retry_after`, as Telegram does for 429. */
  retry_after?: number;
}

export interface WaitForCallOptions {
  /** Give up after this long (default 5000 ms). */
  timeoutMs?: number;
  /** Index in `calls` to start looking from (default 0: calls already made count too). */
  after?: number;
}

export interface LocalBotApiOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** The token the bot must use; a different one gets 401 Unauthorized. */
  token?: string;
  /** Overrides for what getMe answers. */
  botInfo?: Partial<UserFromGetMe>;
}

/** A running local Bot API: user actions, observation of the bot's calls, fault injection. */
export interface LocalBotApi {
  /** Pass to grammY as `client.apiRoot`, e.g. "http://127.0.0.1:40123". */
  readonly apiRoot: string;
  readonly token: string;
  readonly botInfo: UserFromGetMe;

  /** The user types `text` (a leading "/command" gets a bot_command entity, as in Telegram). */
  sendText(user: TestUser, text: string): Update;
  /** The user shares a location (a pin, not a live location). */
  shareLocation(user: TestUser, latitude: number, longitude: number): Update;
  /**
   * The user taps the inline button carrying `data` on the bot's message `messageId`. Throws if
   * that message or button does not exist: a real user could not tap it either.
   */
  pressButton(user: TestUser, messageId: number, data: string): Update;
  /** Enqueues any other update; update_id is assigned here. */
  pushUpdate(update: Omit<Update, "update_id">): Update;

  /** Every request, in the order answered (getUpdates included). */
  readonly calls: readonly ApiCall[];
  /** Calls `listener` after each request is answered; returns the unsubscribe function. */
  onCall(listener: (call: ApiCall) => void): () => void;
  /** Resolves with the first call (from `after` on) matching `predicate`; rejects on timeout. */
  waitForCall(predicate: (call: ApiCall) => boolean, options?: WaitForCallOptions): Promise<ApiCall>;
  /** The bot's messages in that chat, oldest first, with edits applied and deletions removed. */
  messagesTo(chatId: number): StoredMessage[];
  /** The inline keyboard most recently sent or edited in that chat, if it is still shown. */
  lastKeyboard(chatId: number): KeyboardView | undefined;
  /** Updates not yet confirmed by a getUpdates offset. */
  pendingUpdates(): number;

  /** Answers the next `times` calls of `method` with `error` instead of running it. */
  failNext(method: string, error: InjectedError, times?: number): void;
  /** Ends pending long polls with an empty result, then stops the server. Idempotent. */
  close(): Promise<void>;
}

/** Starts a local Bot API on 127.0.0.1 (a random free port unless `options.port` is given). */
export async function startLocalBotApi(options: LocalBotApiOptions = {}): Promise<LocalBotApi> {
  const api = new LocalBotApiServer(options);
  await api.listen(options.port ?? 0);
  return api;
}

// ---------------------------------------------------------------------------------------------
// Telegram-style errors and limits

/** Telegram's answer to a bad call: thrown by handlers, turned into `{ ok: false, ... }`. */
class BotApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
  }
}

const badRequest = (detail: string) => new BotApiError(400, `Bad Request: ${detail}`);
const cantParse = (detail: string) => badRequest(`can't parse entities: ${detail}`);

const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;
const MAX_CALLBACK_DATA_BYTES = 64;

/** Telegram counts message length in Unicode code points, after entity parsing and trimming. */
const codePoints = (text: string) => [...text].length;

// ---------------------------------------------------------------------------------------------
// Formatted text: HTML, roughly MarkdownV2, or plain

interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

/** Parses `source` per `parseMode` into text + entities, trimmed like Telegram trims messages. */
function formatText(source: unknown, parseMode: unknown, entities: unknown): FormattedText {
  const text = source === undefined || source === null ? "" : String(source);
  // The Bot API matches parse_mode case-insensitively ("html" works too).
  switch (typeof parseMode === "string" ? parseMode.toLowerCase() : parseMode) {
    case undefined:
    case null:
    case "":
      return trimFormatted({ text, entities: Array.isArray(entities) ? (entities as MessageEntity[]) : [] });
    case "html":
      return trimFormatted(new HtmlParser(text).parse());
    case "markdownv2":
      return trimFormatted(parseMarkdownV2Roughly(text));
    case "markdown":
      // Legacy Markdown: markers are dropped, nothing is rejected. We do not use it.
      return trimFormatted({ text: text.replace(/[*_`[\]]/g, ""), entities: [] });
    default:
      throw badRequest("unsupported parse_mode");
  }
}

function checkMessageText(formatted: FormattedText): void {
  if (formatted.text.length === 0) throw badRequest("message text is empty");
  if (codePoints(formatted.text) > MAX_TEXT) throw badRequest("message is too long");
}

function checkCaption(formatted: FormattedText): void {
  if (codePoints(formatted.text) > MAX_CAPTION) throw badRequest("message caption is too long");
}

/** Telegram strips surrounding whitespace; entities are clipped to what remains. */
function trimFormatted({ text, entities }: FormattedText): FormattedText {
  const start = text.length - text.trimStart().length;
  const trimmed = text.trim();
  const end = start + trimmed.length;
  const clipped = entities.flatMap((entity) => {
    const from = Math.max(entity.offset, start);
    const to = Math.min(entity.offset + entity.length, end);
    return to > from ? [{ ...entity, offset: from - start, length: to - from }] : [];
  });
  return { text: trimmed, entities: clipped };
}

/** Outer entities first, as Telegram sorts them. */
const byPosition = (a: MessageEntity, b: MessageEntity) => a.offset - b.offset || b.length - a.length;

const HTML_ENTITY_TYPES: Record<string, string> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  "tg-spoiler": "spoiler",
  span: "spoiler",
  code: "code",
  pre: "pre",
  blockquote: "blockquote",
  a: "text_link",
  "tg-emoji": "custom_emoji",
};

const CHARACTER_REFERENCE = /&(?:(lt|gt|amp|quot)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));/y;
const NAMED_REFERENCES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

interface OpenTag {
  name: string;
  argument: string;
  /** Where the entity starts in the output, in UTF-16 code units. */
  offset: number;
}

/**
 * Telegram's HTML subset, after tdlib's parser (same error messages), with one deliberate
 * strictness: a bare "&" in text is rejected. Telegram tolerates it, but its docs require
 * &amp;, and an unescaped "&" means user data went in unescaped - the same data with a "<"
 * would break the message in production.
 */
class HtmlParser {
  private out = "";
  private i = 0;
  private readonly open: OpenTag[] = [];
  private readonly entities: MessageEntity[] = [];
  /** A <code class="language-x"> just closed: a <pre> closing around it becomes pre + language. */
  private codeLanguage?: { offset: number; length: number; language: string };

  constructor(private readonly src: string) {}

  parse(): FormattedText {
    while (this.i < this.src.length) {
      const c = this.src[this.i];
      if (c === "&") this.out += this.readReference(true) ?? "";
      else if (c === "<" && this.src[this.i + 1] === "/") this.readEndTag();
      else if (c === "<") this.readStartTag();
      else {
        this.out += c;
        this.i++;
      }
    }
    const unclosed = this.open.at(-1);
    if (unclosed) throw cantParse(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
    return { text: this.out, entities: this.entities.sort(byPosition) };
  }

  /** Decodes &lt; &gt; &amp; &quot; &#NN; &#xHH;. A bare "&" throws when `strict`, else stays. */
  private readReference(strict: boolean): string | undefined {
    CHARACTER_REFERENCE.lastIndex = this.i;
    const match = CHARACTER_REFERENCE.exec(this.src);
    const code = match?.[2] ? Number(match[2]) : match?.[3] ? Number.parseInt(match[3], 16) : undefined;
    const decoded = match?.[1] ? NAMED_REFERENCES[match[1]] : code && code < 0x110000 ? String.fromCodePoint(code) : undefined;
    if (match && decoded !== undefined) {
      this.i += match[0].length;
      return decoded;
    }
    if (strict) throw cantParse(`Character "&" at byte offset ${this.byteOffset(this.i)} must be written as &amp;`);
    return undefined;
  }

  private readStartTag(): void {
    const begin = this.i++;
    while (this.i < this.src.length && !isSpace(this.src[this.i]) && this.src[this.i] !== ">") this.i++;
    if (this.i >= this.src.length) throw cantParse(`Unclosed start tag at byte offset ${this.byteOffset(begin)}`);
    const name = this.src.slice(begin + 1, this.i).toLowerCase();
    if (!Object.hasOwn(HTML_ENTITY_TYPES, name)) {
      throw cantParse(`Unsupported start tag "${name}" at byte offset ${this.byteOffset(begin)}`);
    }
    const attributes = this.readAttributes(name, begin);
    this.i++; // the ">"
    this.open.push({ name, argument: this.tagArgument(name, attributes, begin), offset: this.out.length });
  }

  /** Reads `name="value"` pairs up to the closing ">" (left unread). */
  private readAttributes(tag: string, begin: number): Map<string, string> {
    const attributes = new Map<string, string>();
    for (;;) {
      this.skipSpaces();
      if (this.i >= this.src.length) throw cantParse(`Unclosed start tag at byte offset ${this.byteOffset(begin)}`);
      if (this.src[this.i] === ">") return attributes;
      const nameStart = this.i;
      while (this.i < this.src.length && !isSpace(this.src[this.i]) && !"=>".includes(this.src[this.i] ?? "")) this.i++;
      const name = this.src.slice(nameStart, this.i).toLowerCase();
      if (!name) throw cantParse(`Empty attribute name in the tag "${tag}" at byte offset ${this.byteOffset(begin)}`);
      this.skipSpaces();
      if (this.src[this.i] !== "=") {
        // `<blockquote expandable>` is the one attribute without a value.
        if (tag === "blockquote" && name === "expandable") {
          attributes.set(name, "");
          continue;
        }
        throw cantParse(`Expected equal sign in declaration of an attribute of the tag "${tag}" at byte offset ${this.byteOffset(begin)}`);
      }
      this.i++;
      this.skipSpaces();
      if (this.i >= this.src.length) throw cantParse(`Unclosed start tag "${tag}" at byte offset ${this.byteOffset(begin)}`);
      attributes.set(name, this.readAttributeValue(begin));
    }
  }

  private readAttributeValue(begin: number): string {
    const quote = this.src[this.i];
    if (quote !== '"' && quote !== "'") {
      // An unquoted name token: letters, digits, periods, hyphens.
      const tokenStart = this.i;
      while (/[A-Za-z0-9.-]/.test(this.src[this.i] ?? "")) this.i++;
      if (this.i >= this.src.length || (!isSpace(this.src[this.i]) && this.src[this.i] !== ">")) {
        throw cantParse(`Unexpected end of name token at byte offset ${this.byteOffset(tokenStart)}`);
      }
      return this.src.slice(tokenStart, this.i).toLowerCase();
    }
    let value = "";
    this.i++;
    while (this.i < this.src.length && this.src[this.i] !== quote) {
      // Inside attributes a bare "&" stays, as in Telegram: URLs often carry query strings.
      const decoded = this.src[this.i] === "&" ? this.readReference(false) : undefined;
      if (decoded !== undefined) value += decoded;
      else value += this.src[this.i++];
    }
    if (this.i >= this.src.length) throw cantParse(`Unclosed start tag at byte offset ${this.byteOffset(begin)}`);
    this.i++;
    return value;
  }

  /** The part of a tag that matters for its entity: href, code language, emoji id... */
  private tagArgument(tag: string, attributes: Map<string, string>, begin: number): string {
    switch (tag) {
      case "a":
        return attributes.get("href") ?? "";
      case "code": {
        const cls = attributes.get("class") ?? "";
        return cls.startsWith("language-") ? cls.slice("language-".length) : "";
      }
      case "span":
        if (attributes.get("class") !== "tg-spoiler") {
          throw cantParse(`Tag "span" must have class "tg-spoiler" at byte offset ${this.byteOffset(begin)}`);
        }
        return "";
      case "tg-emoji": {
        const id = attributes.get("emoji-id");
        if (!id) throw cantParse(`Tag "tg-emoji" must have attribute "emoji-id" at byte offset ${this.byteOffset(begin)}`);
        return id;
      }
      case "blockquote":
        return attributes.has("expandable") ? "expandable" : "";
      default:
        return "";
    }
  }

  private readEndTag(): void {
    const begin = this.i;
    this.i += 2;
    const nameStart = this.i;
    while (this.i < this.src.length && !isSpace(this.src[this.i]) && this.src[this.i] !== ">") this.i++;
    const name = this.src.slice(nameStart, this.i).toLowerCase();
    this.skipSpaces();
    if (this.src[this.i] !== ">") throw cantParse(`Unclosed end tag at byte offset ${this.byteOffset(begin)}`);
    this.i++;
    const tag = this.open.pop();
    if (!tag) throw cantParse(`Unexpected end tag at byte offset ${this.byteOffset(begin)}`);
    if (name && name !== tag.name) {
      throw cantParse(`Unmatched end tag at byte offset ${this.byteOffset(begin)}, expected "</${tag.name}>", found "</${name}>"`);
    }
    this.addEntity(tag);
  }

  private addEntity(tag: OpenTag): void {
    const offset = tag.offset;
    const length = this.out.length - offset;
    if (length === 0) return; // Telegram drops empty entities
    const last = this.entities.at(-1);
    const language = this.codeLanguage;
    this.codeLanguage = undefined;
    if (tag.name === "pre" && last?.type === "code" && language?.offset === offset && language.length === length) {
      this.entities[this.entities.length - 1] = { type: "pre", offset, length, language: language.language };
      return;
    }
    if (tag.name === "code" && tag.argument) this.codeLanguage = { offset, length, language: tag.argument };
    this.entities.push(this.entityFor(tag, offset, length));
  }

  private entityFor(tag: OpenTag, offset: number, length: number): MessageEntity {
    const type = HTML_ENTITY_TYPES[tag.name] ?? "bold";
    if (type === "text_link") return { type, offset, length, url: tag.argument || this.out.slice(offset) };
    if (type === "custom_emoji") return { type, offset, length, custom_emoji_id: tag.argument };
    if (type === "blockquote" && tag.argument === "expandable") return { type: "expandable_blockquote", offset, length };
    return { type, offset, length } as MessageEntity;
  }

  private skipSpaces(): void {
    while (this.i < this.src.length && isSpace(this.src[this.i])) this.i++;
  }

  /** Telegram reports positions in UTF-8 bytes. */
  private byteOffset(index: number): number {
    return Buffer.byteLength(this.src.slice(0, index), "utf8");
  }
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/**
 * A rough MarkdownV2 check: after escapes and formatting markers are set aside, any reserved
 * character left is an error, as Telegram would say. Entities are not built; motcua uses HTML.
 */
function parseMarkdownV2Roughly(source: string): FormattedText {
  let text = "";
  for (let i = 0; i < source.length; i++) {
    const c = source[i] ?? "";
    const lineStart = i === 0 || source[i - 1] === "\n";
    if (c === "\\") text += source[++i] ?? "";
    else if ("*_~|`[]()".includes(c) || (c === ">" && lineStart)) continue;
    else if ("#+-={}.!>".includes(c)) {
      throw cantParse(`Character '${c}' is reserved and must be escaped with the preceding '\\'`);
    } else text += c;
  }
  return { text, entities: [] };
}

// ---------------------------------------------------------------------------------------------
// Keyboards

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

type Json = Record<string, unknown>;

/** Objects may arrive JSON-encoded in a string (form-encoded requests); Telegram accepts both. */
function jsonField(value: unknown, what: string): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    throw badRequest(`can't parse ${what} JSON object`);
  }
}

/** Validates reply_markup like Telegram; returns it parsed, or undefined when absent. */
function checkReplyMarkup(value: unknown): Json | undefined {
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
    if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) throw badRequest("BUTTON_DATA_INVALID");
  }
  if (!INLINE_BUTTON_ACTIONS.some((action) => action in fields)) {
    throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  }
}

/** Only inline keyboards are part of a Message; reply keyboards live in the client. */
function inlineOnly(markup: Json | undefined): Json | undefined {
  return markup && Array.isArray(markup.inline_keyboard) ? markup : undefined;
}

function keyboardView(messageId: number, markup: Json): KeyboardView {
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

// ---------------------------------------------------------------------------------------------
// Small helpers

type Payload = Record<string, unknown>;
type Handler = (payload: Payload, signal: AbortSignal) => unknown;

/** A message of the bot, kept mutable here; `sentAs` records the unparsed text. */
interface MessageRecord {
  message: Json & { message_id: number };
  sentAs?: { text: string; parse_mode?: string };
  /** Clock tick when an inline keyboard was last set on it: the latest one is "the" keyboard. */
  keyboardAt: number;
}

interface ChatState {
  id: number;
  nextMessageId: number;
  messages: Map<number, MessageRecord>;
}

type WakeReason = "update" | "timeout" | "closed" | "conflict" | "aborted";

interface Poller {
  wake(reason: WakeReason): void;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const clone = <T>(value: T): T => structuredClone(value);

function integer(value: unknown): number | undefined {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) ? n : undefined;
}

function requireString(payload: Payload, field: string): string {
  const value = payload[field];
  if (typeof value !== "string" || value === "") throw badRequest(`parameter "${field}" is required`);
  return value;
}

function coordinates(payload: Payload): { latitude: number; longitude: number } {
  const latitude = Number(payload.latitude);
  const longitude = Number(payload.longitude);
  if (payload.latitude === undefined || !Number.isFinite(latitude) || Math.abs(latitude) > 90) {
    throw badRequest("wrong latitude");
  }
  if (payload.longitude === undefined || !Number.isFinite(longitude) || Math.abs(longitude) > 180) {
    throw badRequest("wrong longitude");
  }
  return { latitude, longitude };
}

/** Text content fields of a message, with entities only when there are some. */
function textFields(key: "text" | "caption", formatted: FormattedText): Json {
  const entitiesKey = key === "text" ? "entities" : "caption_entities";
  return { [key]: formatted.text, ...(formatted.entities.length ? { [entitiesKey]: formatted.entities } : {}) };
}

function sentAs(source: unknown, parseMode: unknown): MessageRecord["sentAs"] {
  if (source === undefined) return undefined;
  return { text: String(source), ...(typeof parseMode === "string" && parseMode ? { parse_mode: parseMode } : {}) };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Query string + body (JSON or form-encoded), as Telegram accepts them. */
async function readPayload(req: IncomingMessage, url: URL): Promise<Payload> {
  const query: Payload = Object.fromEntries(url.searchParams);
  const body = await readBody(req);
  const type = String(req.headers["content-type"] ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) return { ...query, ...readMultipart(body, type) };
  if (body.length === 0) return query;
  if (type.startsWith("application/x-www-form-urlencoded")) {
    return { ...query, ...Object.fromEntries(new URLSearchParams(body.toString("utf8"))) };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw badRequest("can't parse JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw badRequest("can't parse JSON");
  return { ...query, ...(parsed as Payload) };
}

/**
 * An upload (grammY sends files as multipart/form-data): text fields as Telegram reads them
 * (JSON objects such as reply_markup arrive as JSON text), and a field pointing at an uploaded
 * file ("attach://name") becomes a file id naming the upload and its size. The parser is
 * lenient, like Telegram's: grammY writes `filename=x` without quotes, which undici refuses.
 */
function readMultipart(body: Buffer, type: string): Payload {
  const boundary = /boundary=("?)([^";]+)\1/i.exec(type)?.[2];
  if (!boundary) throw badRequest("can't parse multipart/form-data: no boundary");
  const fields: Payload = {};
  const files = new Map<string, number>();
  for (const part of body.toString("latin1").split(`--${boundary}`).slice(1)) {
    if (part.startsWith("--")) break;
    const split = part.indexOf("\r\n\r\n");
    const headers = part.slice(0, split);
    const content = part.slice(split + 4, part.endsWith("\r\n") ? -2 : undefined);
    const name = /name="?([^";\r\n]+)"?/i.exec(headers)?.[1];
    if (!name || split < 0) throw badRequest("can't parse multipart/form-data");
    if (/filename=/i.test(headers)) files.set(name, content.length);
    else {
      const value = Buffer.from(content, "latin1").toString("utf8");
      fields[name] = /^[[{]/.test(value) ? JSON.parse(value) : value;
    }
  }
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value !== "string" || !value.startsWith("attach://")) continue;
    const size = files.get(value.slice(9));
    if (size !== undefined) fields[name] = `uploaded:${value.slice(9)}:${size}`;
  }
  return fields;
}

function errorResponse(error: BotApiError): ApiResponse {
  return {
    ok: false,
    error_code: error.errorCode,
    description: error.description,
    ...(error.parameters ? { parameters: error.parameters } : {}),
  };
}

/** One line per call, for timeout messages. */
function describeCalls(calls: readonly ApiCall[]): string {
  const shown = calls.filter((c) => c.method !== "getUpdates").slice(-10);
  if (shown.length === 0) return "  (none besides getUpdates)";
  return shown
    .map((c) => {
      const payload = JSON.stringify(c.payload);
      const outcome = c.response.ok ? "ok" : `${c.response.error_code} ${c.response.description}`;
      return `  ${c.method} ${payload.length > 160 ? `${payload.slice(0, 157)}...` : payload} -> ${outcome}`;
    })
    .join("\n");
}

const DEFAULT_BOT_INFO: UserFromGetMe = {
  id: 1000,
  is_bot: true,
  first_name: "Một cửa",
  username: "motcua_bot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

const BOT_COMMAND = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]+)?/;

// ---------------------------------------------------------------------------------------------
// The server

class LocalBotApiServer implements LocalBotApi {
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  readonly calls: ApiCall[] = [];
  apiRoot = "";

  private readonly server: Server;
  private readonly listeners = new Set<(call: ApiCall) => void>();
  /** Unconfirmed updates, oldest first. */
  private readonly updates: Update[] = [];
  private nextUpdateId = 1;
  private readonly pollers = new Set<Poller>();
  private readonly chats = new Map<number, ChatState>();
  private readonly users = new Map<number, TestUser>();
  private readonly faults = new Map<string, InjectedError[]>();
  private readonly openCallbackQueries = new Set<string>();
  private nextCallbackQueryId = 1;
  private readonly commands = new Map<string, BotCommand[]>();
  private nextFileId = 1;
  private keyboardClock = 0;
  private closing?: Promise<void>;
  private readonly methods: Record<string, Handler>;

  constructor(options: LocalBotApiOptions) {
    this.botInfo = { ...DEFAULT_BOT_INFO, ...options.botInfo };
    this.token = options.token ?? `${this.botInfo.id}:local-bot-api-token`;
    this.server = createServer((req, res) => void this.handle(req, res));
    this.methods = this.methodTable();
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => {
        this.server.off("error", reject);
        this.apiRoot = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
        resolve();
      });
    });
  }

  // ----- user actions -------------------------------------------------------------------------

  sendText(user: TestUser, text: string): Update {
    const command = BOT_COMMAND.exec(text)?.[0];
    const entities = command ? [{ type: "bot_command", offset: 0, length: command.length }] : undefined;
    return this.enqueue({ message: this.userMessage(user, { text, ...(entities ? { entities } : {}) }) });
  }

  shareLocation(user: TestUser, latitude: number, longitude: number): Update {
    return this.enqueue({ message: this.userMessage(user, { location: { latitude, longitude } }) });
  }

  pressButton(user: TestUser, messageId: number, data: string): Update {
    const record = this.chats.get(user.id)?.messages.get(messageId);
    if (!record) throw new Error(`pressButton: the bot has no message ${messageId} in chat ${user.id}`);
    const markup = inlineOnly(record.message.reply_markup as Json | undefined);
    const buttons = markup ? keyboardView(messageId, markup).buttons.flat() : [];
    if (!buttons.some((b) => b.data === data)) {
      const shown = JSON.stringify(buttons.map((b) => b.data));
      throw new Error(`pressButton: message ${messageId} has no button with data "${data}" (it has ${shown})`);
    }
    const id = `${Date.now()}${this.nextCallbackQueryId++}`;
    this.openCallbackQueries.add(id);
    const query = { id, from: this.userObject(user), message: clone(record.message), chat_instance: `ci-${user.id}`, data };
    return this.enqueue({ callback_query: query });
  }

  pushUpdate(update: Omit<Update, "update_id">): Update {
    // A pushed callback query can be answered like one from pressButton.
    if (update.callback_query) this.openCallbackQueries.add(update.callback_query.id);
    return this.enqueue(clone(update) as Json);
  }

  // ----- observation --------------------------------------------------------------------------

  onCall(listener: (call: ApiCall) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  waitForCall(predicate: (call: ApiCall) => boolean, options: WaitForCallOptions = {}): Promise<ApiCall> {
    const { timeoutMs = 5000, after = 0 } = options;
    const earlier = this.calls.slice(after).find(predicate);
    if (earlier) return Promise.resolve(earlier);
    return new Promise((resolve, reject) => {
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        unsubscribe();
        settle();
      };
      const timer = setTimeout(() => {
        const recent = describeCalls(this.calls);
        finish(() => reject(new Error(`waitForCall: no matching call within ${timeoutMs} ms. Recent calls:\n${recent}`)));
      }, timeoutMs);
      const unsubscribe = this.onCall((call) => {
        try {
          if (predicate(call)) finish(() => resolve(call));
        } catch (error) {
          finish(() => reject(error));
        }
      });
    });
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

  pendingUpdates(): number {
    return this.updates.length;
  }

  // ----- fault injection and shutdown ---------------------------------------------------------

  failNext(method: string, error: InjectedError, times = 1): void {
    const queue = this.faults.get(method.toLowerCase()) ?? [];
    for (let n = 0; n < times; n++) queue.push(error);
    this.faults.set(method.toLowerCase(), queue);
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private shutdown(): Promise<void> {
    for (const poller of [...this.pollers]) poller.wake("closed");
    return new Promise((resolve) => {
      // Keep-alive sockets still mid-request close after their answer ("connection: close");
      // whatever is left after a short grace period is cut.
      const force = setTimeout(() => this.server.closeAllConnections(), 250);
      this.server.close(() => {
        clearTimeout(force);
        resolve();
      });
      this.server.closeIdleConnections();
    });
  }

  // ----- HTTP ---------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const route = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!route) {
      req.resume();
      return this.send(res, { ok: false, error_code: 404, description: "Not Found" });
    }
    const [, token = "", method = ""] = route;
    // An aborted request (grammY cancels its long poll on stop) must not hold a poller.
    const aborted = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) aborted.abort();
    });
    let payload: Payload = {};
    let response: ApiResponse;
    try {
      payload = await readPayload(req, url);
      response = token === this.token ? await this.answer(method, payload, aborted.signal) : this.unauthorized();
    } catch (error) {
      response = errorResponse(error instanceof BotApiError ? error : badRequest(String(error)));
    }
    this.record({ method, payload, at, response });
    this.send(res, response);
  }

  private unauthorized(): ApiResponse {
    return { ok: false, error_code: 401, description: "Unauthorized" };
  }

  private async answer(method: string, payload: Payload, signal: AbortSignal): Promise<ApiResponse> {
    const fault = this.faults.get(method.toLowerCase())?.shift();
    if (fault) {
      const parameters = fault.retry_after !== undefined ? { retry_after: fault.retry_after } : undefined;
      return errorResponse(new BotApiError(fault.error_code, fault.description, parameters));
    }
    const handler = this.methods[method.toLowerCase()];
    if (!handler) return { ok: false, error_code: 404, description: `Not Found: method ${method}` };
    try {
      return { ok: true, result: await handler(payload, signal) };
    } catch (error) {
      if (error instanceof BotApiError) return errorResponse(error);
      // A payload we could not make sense of: say so as Telegram would, without retries.
      return errorResponse(badRequest(error instanceof Error ? error.message : String(error)));
    }
  }

  private record(call: ApiCall): void {
    this.calls.push(call);
    for (const listener of [...this.listeners]) {
      try {
        listener(call);
      } catch (error) {
        // A broken observer must not break the bot's request.
        console.error("local Bot API: onCall listener failed", error);
      }
    }
  }

  private send(res: ServerResponse, response: ApiResponse): void {
    if (res.destroyed || res.writableEnded) return; // the client gave up, e.g. an aborted long poll
    const status = response.ok ? 200 : (response.error_code ?? 500);
    res.writeHead(status, { "content-type": "application/json", ...(this.closing ? { connection: "close" } : {}) });
    res.end(JSON.stringify(response));
  }

  // ----- methods ------------------------------------------------------------------------------

  /** Handlers by lower-cased method name (Telegram matches method names case-insensitively). */
  private methodTable(): Record<string, Handler> {
    const table: Record<string, Handler> = {
      getMe: () => this.botInfo,
      deleteWebhook: () => true,
      // Recorded only: tests post updates to the bot's webhook themselves.
      setWebhook: (p) => {
        if (typeof p.url !== "string") throw badRequest("bad webhook: url is required");
        return true;
      },
      getUpdates: (p, signal) => this.getUpdates(p, signal),
      setMyCommands: (p) => this.setMyCommands(p),
      deleteMyCommands: (p) => {
        this.commands.delete(commandsKey(p));
        return true;
      },
      getMyCommands: (p) => this.commands.get(commandsKey(p)) ?? [],
      setChatMenuButton: () => true,
      sendChatAction: (p) => this.sendChatAction(p),
      sendMessage: (p) => this.sendMessage(p),
      editMessageText: (p) => this.editMessageText(p),
      editMessageReplyMarkup: (p) => this.editMessageReplyMarkup(p),
      deleteMessage: (p) => this.deleteMessage(p),
      answerCallbackQuery: (p) => this.answerCallbackQuery(p),
      sendVenue: (p) => this.sendVenue(p),
      sendLocation: (p) => this.sendLocation(p),
      sendPhoto: (p) => this.sendPhoto(p),
    };
    return Object.fromEntries(Object.entries(table).map(([name, handler]) => [name.toLowerCase(), handler]));
  }

  private async getUpdates(p: Payload, signal: AbortSignal): Promise<Update[]> {
    const offset = integer(p.offset);
    // Fetching with an offset confirms every update before it.
    if (offset !== undefined && offset > 0) {
      while (this.updates[0] && this.updates[0].update_id < offset) this.updates.shift();
    }
    // Like Telegram, a newer getUpdates ends an older one still waiting.
    for (const poller of [...this.pollers]) poller.wake("conflict");
    const limit = Math.min(Math.max(integer(p.limit) ?? 100, 1), 100);
    const timeout = Math.max(integer(p.timeout) ?? 0, 0);
    if (this.updates.length === 0 && timeout > 0 && !this.closing) {
      const reason = await this.waitForUpdates(timeout * 1000, signal);
      if (reason === "conflict") {
        throw new BotApiError(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
      }
    }
    return clone(this.updates.slice(0, limit));
  }

  private waitForUpdates(ms: number, signal: AbortSignal): Promise<WakeReason> {
    return new Promise((resolve) => {
      const onAbort = () => poller.wake("aborted");
      const poller: Poller = {
        wake: (reason) => {
          clearTimeout(timer);
          signal.removeEventListener("abort", onAbort);
          this.pollers.delete(poller);
          resolve(reason);
        },
      };
      const timer = setTimeout(() => poller.wake("timeout"), ms);
      signal.addEventListener("abort", onAbort, { once: true });
      this.pollers.add(poller);
    });
  }

  private setMyCommands(p: Payload): true {
    const commands = jsonField(p.commands, "commands");
    if (!Array.isArray(commands) || commands.length > 100) throw badRequest("commands must be an Array of at most 100 BotCommand");
    for (const c of commands as Json[]) {
      if (typeof c.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(c.command)) throw badRequest("BOT_COMMAND_INVALID");
      if (typeof c.description !== "string" || c.description.length < 1 || c.description.length > 256) {
        throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
      }
    }
    this.commands.set(commandsKey(p), clone(commands as BotCommand[]));
    return true;
  }

  private sendChatAction(p: Payload): true {
    this.chatFor(p.chat_id);
    requireString(p, "action");
    return true;
  }

  private sendMessage(p: Payload): Json {
    const chat = this.chatFor(p.chat_id);
    const formatted = formatText(p.text, p.parse_mode, p.entities);
    checkMessageText(formatted);
    const markup = checkReplyMarkup(p.reply_markup);
    return this.storeMessage(chat, textFields("text", formatted), markup, sentAs(p.text, p.parse_mode));
  }

  private sendVenue(p: Payload): Json {
    const chat = this.chatFor(p.chat_id);
    const location = coordinates(p);
    const venue = { location, title: requireString(p, "title"), address: requireString(p, "address") };
    return this.storeMessage(chat, { venue, location }, checkReplyMarkup(p.reply_markup));
  }

  private sendLocation(p: Payload): Json {
    const chat = this.chatFor(p.chat_id);
    return this.storeMessage(chat, { location: coordinates(p) }, checkReplyMarkup(p.reply_markup));
  }

  private sendPhoto(p: Payload): Json {
    const chat = this.chatFor(p.chat_id);
    requireString(p, "photo");
    const caption = formatText(p.caption, p.parse_mode, p.caption_entities);
    checkCaption(caption);
    const n = this.nextFileId++;
    const photo = [{ file_id: `local-photo-${n}`, file_unique_id: `local-${n}`, width: 800, height: 600 }];
    const content = { photo, ...(caption.text ? textFields("caption", caption) : {}) };
    return this.storeMessage(chat, content, checkReplyMarkup(p.reply_markup), sentAs(p.caption, p.parse_mode));
  }

  private editMessageText(p: Payload): Json {
    const record = this.messageToEdit(p);
    if (typeof record.message.text !== "string") throw badRequest("there is no text in the message to edit");
    const formatted = formatText(p.text, p.parse_mode, p.entities);
    checkMessageText(formatted);
    // Without reply_markup the edit removes the inline keyboard, as in Telegram.
    const markup = inlineOnly(checkReplyMarkup(p.reply_markup));
    return this.applyEdit(record, textFields("text", formatted), markup, sentAs(p.text, p.parse_mode));
  }

  private editMessageReplyMarkup(p: Payload): Json {
    const record = this.messageToEdit(p);
    const content: Json = {};
    for (const key of ["text", "entities", "caption", "caption_entities"]) {
      if (record.message[key] !== undefined) content[key] = record.message[key];
    }
    return this.applyEdit(record, content, inlineOnly(checkReplyMarkup(p.reply_markup)), record.sentAs);
  }

  private deleteMessage(p: Payload): true {
    const chat = this.chatFor(p.chat_id);
    if (!chat.messages.delete(integer(p.message_id) ?? -1)) throw badRequest("message to delete not found");
    return true;
  }

  private answerCallbackQuery(p: Payload): true {
    const id = String(p.callback_query_id ?? "");
    // Each query can be answered once; a second answer is a bug Telegram reports like this.
    if (!this.openCallbackQueries.delete(id)) {
      throw badRequest("query is too old and response timeout expired or query ID is invalid");
    }
    return true;
  }

  // ----- chat state ---------------------------------------------------------------------------

  private chatFor(chatId: unknown): ChatState {
    const id = integer(chatId);
    if (id === undefined) throw badRequest("chat not found");
    let chat = this.chats.get(id);
    if (!chat) {
      chat = { id, nextMessageId: 1, messages: new Map() };
      this.chats.set(id, chat);
    }
    return chat;
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

  private userObject(user: TestUser): Json {
    return {
      id: user.id,
      is_bot: false,
      first_name: user.first_name ?? "User",
      ...(user.username ? { username: user.username } : {}),
      ...(user.language_code ? { language_code: user.language_code } : {}),
    };
  }

  /** A message from the user; it takes a message_id in the same sequence as the bot's. */
  private userMessage(user: TestUser, content: Json): Json {
    this.users.set(user.id, user);
    const chat = this.chatFor(user.id);
    const base = { message_id: chat.nextMessageId++, date: nowSeconds(), chat: this.chatObject(chat), from: this.userObject(user) };
    return { ...base, ...content };
  }

  private storeMessage(chat: ChatState, content: Json, markup: Json | undefined, sent?: MessageRecord["sentAs"]): Json {
    const bot = { id: this.botInfo.id, is_bot: true, first_name: this.botInfo.first_name, username: this.botInfo.username };
    const keyboard = inlineOnly(markup);
    const message = {
      message_id: chat.nextMessageId++,
      from: bot,
      date: nowSeconds(),
      chat: this.chatObject(chat),
      ...content,
      ...(keyboard ? { reply_markup: keyboard } : {}),
    };
    chat.messages.set(message.message_id, { message, ...(sent ? { sentAs: sent } : {}), keyboardAt: ++this.keyboardClock });
    return clone(message);
  }

  private messageToEdit(p: Payload): MessageRecord {
    if (p.inline_message_id !== undefined) throw badRequest("inline messages are not supported by the local Bot API");
    const record = this.chatFor(p.chat_id).messages.get(integer(p.message_id) ?? -1);
    if (!record) throw badRequest("message to edit not found");
    return record;
  }

  private applyEdit(record: MessageRecord, content: Json, markup: Json | undefined, sent: MessageRecord["sentAs"]): Json {
    const message = record.message;
    const before = JSON.stringify([message.text, message.entities, message.caption, message.caption_entities, message.reply_markup]);
    const after = JSON.stringify([content.text, content.entities, content.caption, content.caption_entities, markup]);
    if (before === after) {
      throw badRequest(
        "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
      );
    }
    for (const key of ["text", "entities", "caption", "caption_entities", "reply_markup"]) delete message[key];
    Object.assign(message, content, markup ? { reply_markup: markup } : {}, { edit_date: nowSeconds() });
    if (sent) record.sentAs = sent;
    if (markup) record.keyboardAt = ++this.keyboardClock;
    return clone(message);
  }

  private enqueue(partial: Json): Update {
    const update = { update_id: this.nextUpdateId++, ...partial } as Update;
    this.updates.push(update);
    for (const poller of [...this.pollers]) poller.wake("update");
    return clone(update);
  }
}

/** A copy of a message for tests, with what the bot sent before entity parsing. */
function storedView(record: MessageRecord): StoredMessage {
  const sent = record.sentAs ? { sent_text: record.sentAs.text, ...(record.sentAs.parse_mode ? { parse_mode: record.sentAs.parse_mode } : {}) } : {};
  return { ...clone(record.message), ...sent } as unknown as StoredMessage;
}

/** setMyCommands lists are kept per scope and language, as Telegram keeps them. */
function commandsKey(p: Payload): string {
  const scope = jsonField(p.scope, "scope") ?? { type: "default" };
  return `${JSON.stringify(scope)}|${typeof p.language_code === "string" ? p.language_code : ""}`;
}
