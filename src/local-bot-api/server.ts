/** The local Bot API server: routing, chat state, long polling, the methods motcua uses. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { BotCommand, Update, UserFromGetMe } from "grammy/types";
import { BotApiError, badRequest, ContentRefusal } from "./errors.ts";
import { checkCallbackAnswer, checkCaption, checkMessageText, type FormattedText, formatText } from "./formatting.ts";
import { errorResponse, type Payload, readPayload } from "./http.ts";
import { checkReplyMarkup, inlineOnly, type Json, jsonField, keyboardView } from "./markup.ts";
import { reportContentRefusal } from "./refusals.ts";
import type {
  ApiCall,
  ApiResponse,
  InjectedFault,
  KeyboardView,
  LocalBotApi,
  LocalBotApiOptions,
  SentFile,
  StoredMessage,
  TestUser,
  WaitForCallOptions,
} from "./types.ts";

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

/** How a call ended: an answer to send, or (`cut`) a connection to destroy without one. */
interface Outcome {
  response: ApiResponse;
  cut?: boolean;
}

/** Recorded for injected faults that leave the client without an answer (error_code 0: no HTTP status). */
const DROPPED: ApiResponse = {
  ok: false,
  error_code: 0,
  description: "connection dropped: not carried out, no answer",
};
const ABANDONED: ApiResponse = { ok: false, error_code: 0, description: "the client gave up waiting: not carried out" };

/** Resolves true after `ms`, or false as soon as the client goes away (or the server closes its socket). */
function holdFor(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (held: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      resolve(held);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    if (signal.aborted) done(false);
    else signal.addEventListener("abort", onAbort, { once: true });
  });
}

const BOT_COMMAND = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]+)?/;

/** Telegram's cap on what a bot may download (getFile): 20 MB. */
const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/** A file a user sent, as getFile and the file URL serve it. */
interface StoredFile {
  id: string;
  path: string;
  content: Uint8Array;
  size: number;
}

export class LocalBotApiServer implements LocalBotApi {
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
  private readonly faults = new Map<string, { fault: InjectedFault; when: (payload: Payload) => boolean }[]>();
  /** Calls received and not yet answered, by lower-cased method. */
  private readonly unanswered = new Map<string, number>();
  private readonly openCallbackQueries = new Set<string>();
  private readonly openInlineQueries = new Set<string>();
  private nextCallbackQueryId = 1;
  private readonly commands = new Map<string, BotCommand[]>();
  private nextFileId = 1;
  private readonly files = new Map<string, StoredFile>();
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

  sendDocument(user: TestUser, file: SentFile): Update {
    const n = this.nextFileId++;
    const stored = {
      id: `local-document-${n}`,
      path: `documents/file_${n}${/\.\w+$/.exec(file.name)?.[0] ?? ""}`,
      content: file.content,
      size: file.size ?? file.content.length,
    };
    this.files.set(stored.id, stored);
    const document = {
      file_id: stored.id,
      file_unique_id: `local-${n}`,
      file_name: file.name,
      file_size: stored.size,
      ...(file.mimeType ? { mime_type: file.mimeType } : {}),
    };
    return this.enqueue({ message: this.userMessage(user, { document }) });
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
    const query = {
      id,
      from: this.userObject(user),
      message: clone(record.message),
      chat_instance: `ci-${user.id}`,
      data,
    };
    return this.enqueue({ callback_query: query });
  }

  inlineQuery(user: TestUser, query: string): Update {
    this.users.set(user.id, user);
    const id = `${Date.now()}${this.nextCallbackQueryId++}`;
    this.openInlineQueries.add(id);
    return this.enqueue({ inline_query: { id, from: this.userObject(user), query, offset: "" } });
  }

  pushUpdate(update: Omit<Update, "update_id">): Update {
    // A pushed callback query can be answered like one from pressButton.
    if (update.callback_query) this.openCallbackQueries.add(update.callback_query.id);
    return this.enqueue(clone(update) as Json);
  }

  async deliver(url: string, update: unknown, secretToken?: string): Promise<number> {
    const headers = {
      "content-type": "application/json",
      ...(secretToken ? { "x-telegram-bot-api-secret-token": secretToken } : {}),
    };
    const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(update) });
    const answer = await response.text();
    if (!response.ok || !answer) return response.status;
    const { method, ...payload } = JSON.parse(answer) as Payload;
    if (typeof method === "string") {
      const at = Date.now();
      this.record({
        method,
        payload,
        at,
        response: await this.run(method, payload, new AbortController().signal),
        inWebhookAnswer: true,
      });
    }
    return response.status;
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
        finish(() =>
          reject(new Error(`waitForCall: no matching call within ${timeoutMs} ms. Recent calls:\n${recent}`)),
        );
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

  inProgress(method: string): number {
    return this.unanswered.get(method.toLowerCase()) ?? 0;
  }

  // ----- fault injection and shutdown ---------------------------------------------------------

  failNext(method: string, fault: InjectedFault, times = 1, when: (payload: Payload) => boolean = () => true): void {
    const queue = this.faults.get(method.toLowerCase()) ?? [];
    for (let n = 0; n < times; n++) queue.push({ fault, when });
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
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (download) return this.serveFile(res, download[1] ?? "", download[2] ?? "");
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
    const uploads: Record<string, Buffer> = {};
    let outcome: Outcome;
    const key = method.toLowerCase();
    this.unanswered.set(key, this.inProgress(key) + 1);
    try {
      payload = await readPayload(req, url, uploads);
      outcome =
        token === this.token ? await this.answer(method, payload, aborted.signal) : { response: this.unauthorized() };
    } catch (error) {
      outcome = { response: errorResponse(error instanceof BotApiError ? error : badRequest(String(error))) };
    } finally {
      this.unanswered.set(key, this.inProgress(key) - 1);
    }
    this.record({
      method,
      payload,
      at,
      response: outcome.response,
      ...(Object.keys(uploads).length > 0 ? { uploads } : {}),
    });
    if (outcome.cut) res.destroy();
    else this.send(res, outcome.response);
  }

  /** The file URL getFile points to: https://api.telegram.org/file/bot<token>/<file_path>. */
  private serveFile(res: ServerResponse, token: string, path: string): void {
    const file = token === this.token ? [...this.files.values()].find((f) => f.path === path) : undefined;
    if (!file) {
      this.send(res, { ok: false, error_code: 404, description: "Not Found" });
      return;
    }
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": file.content.length });
    res.end(file.content);
  }

  private unauthorized(): ApiResponse {
    return { ok: false, error_code: 401, description: "Unauthorized" };
  }

  /** Runs the call, unless an injected fault comes first. */
  private async answer(method: string, payload: Payload, signal: AbortSignal): Promise<Outcome> {
    const fault = this.takeFault(method, payload);
    if (!fault) return { response: await this.run(method, payload, signal) };
    if ("error_code" in fault) {
      const parameters = fault.retry_after !== undefined ? { retry_after: fault.retry_after } : undefined;
      return { response: errorResponse(new BotApiError(fault.error_code, fault.description, parameters)) };
    }
    if ("drop" in fault)
      return { response: fault.carriedOut ? await this.run(method, payload, signal) : DROPPED, cut: true };
    if (!(await holdFor(fault.hangMs, signal))) return { response: ABANDONED };
    return { response: await this.run(method, payload, signal) };
  }

  /** The first fault queued for this call (its method, and its payload if the fault asks). */
  private takeFault(method: string, payload: Payload): InjectedFault | undefined {
    const queue = this.faults.get(method.toLowerCase()) ?? [];
    const index = queue.findIndex((f) => f.when(payload));
    return index < 0 ? undefined : queue.splice(index, 1)[0]?.fault;
  }

  private async run(method: string, payload: Payload, signal: AbortSignal): Promise<ApiResponse> {
    const handler = this.methods[method.toLowerCase()];
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
      sendDocument: (p) => this.sendDocumentMethod(p),
      answerInlineQuery: (p) => this.answerInlineQuery(p),
      getFile: (p) => this.getFile(p),
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
        throw new BotApiError(
          409,
          "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
        );
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
    if (!Array.isArray(commands) || commands.length > 100)
      throw badRequest("commands must be an Array of at most 100 BotCommand");
    for (const c of commands as Json[]) {
      if (typeof c.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(c.command))
        throw badRequest("BOT_COMMAND_INVALID");
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

  private sendDocumentMethod(p: Payload): Json {
    const chat = this.chatFor(p.chat_id);
    const file = requireString(p, "document");
    const caption = formatText(p.caption, p.parse_mode, p.caption_entities);
    checkCaption(caption);
    const n = this.nextFileId++;
    const document = {
      file_id: `local-document-${n}`,
      file_unique_id: `local-${n}`,
      file_name: file.split(":")[1] ?? "file",
    };
    const content = { document, ...(caption.text ? textFields("caption", caption) : {}) };
    return this.storeMessage(chat, content, checkReplyMarkup(p.reply_markup), sentAs(p.caption, p.parse_mode));
  }

  /** Checks the answer as Telegram does (ids, texts, buttons); the answer itself is in `calls`. */
  private answerInlineQuery(p: Payload): true {
    if (!this.openInlineQueries.delete(String(p.inline_query_id ?? ""))) {
      throw badRequest("query is too old and response timeout expired or query ID is invalid");
    }
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

  private getFile(p: Payload): Json {
    const file = this.files.get(requireString(p, "file_id"));
    if (!file) throw badRequest("invalid file_id");
    if (file.size > MAX_DOWNLOAD_BYTES) throw badRequest("file is too big");
    return {
      file_id: file.id,
      file_unique_id: file.id.replace("document", "unique"),
      file_size: file.size,
      file_path: file.path,
    };
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
    checkCallbackAnswer(p.text);
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
    const base = {
      message_id: chat.nextMessageId++,
      date: nowSeconds(),
      chat: this.chatObject(chat),
      from: this.userObject(user),
    };
    return { ...base, ...content };
  }

  private storeMessage(chat: ChatState, content: Json, markup: Json | undefined, sent?: MessageRecord["sentAs"]): Json {
    const bot = {
      id: this.botInfo.id,
      is_bot: true,
      first_name: this.botInfo.first_name,
      username: this.botInfo.username,
    };
    const keyboard = inlineOnly(markup);
    const message = {
      message_id: chat.nextMessageId++,
      from: bot,
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
    return clone(message);
  }

  private messageToEdit(p: Payload): MessageRecord {
    if (p.inline_message_id !== undefined) throw badRequest("inline messages are not supported by the local Bot API");
    const record = this.chatFor(p.chat_id).messages.get(integer(p.message_id) ?? -1);
    if (!record) throw badRequest("message to edit not found");
    return record;
  }

  private applyEdit(
    record: MessageRecord,
    content: Json,
    markup: Json | undefined,
    sent: MessageRecord["sentAs"],
  ): Json {
    const message = record.message;
    const before = JSON.stringify([
      message.text,
      message.entities,
      message.caption,
      message.caption_entities,
      message.reply_markup,
    ]);
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
  const sent = record.sentAs
    ? { sent_text: record.sentAs.text, ...(record.sentAs.parse_mode ? { parse_mode: record.sentAs.parse_mode } : {}) }
    : {};
  return { ...clone(record.message), ...sent } as unknown as StoredMessage;
}

/** setMyCommands lists are kept per scope and language, as Telegram keeps them. */
function commandsKey(p: Payload): string {
  const scope = jsonField(p.scope, "scope") ?? { type: "default" };
  return `${JSON.stringify(scope)}|${typeof p.language_code === "string" ? p.language_code : ""}`;
}
