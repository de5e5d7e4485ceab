/**
 * The in-process Telegram: puts the pieces together (updates, chats, files, queries, methods,
 * faults, HTTP) behind the LocalBotApi interface, and carries out what users do in the chat.
 */
import type { Update, UserFromGetMe } from "grammy/types";
import { CallLog } from "./call-log.ts";
import { Chats, userObject } from "./chats.ts";
import { Commands } from "./commands.ts";
import { Faults, type RunCall } from "./faults.ts";
import { Files } from "./files.ts";
import { HttpFront } from "./http.ts";
import { inlineOnly, keyboardView } from "./markup.ts";
import { methodRunner } from "./methods.ts";
import type { Json } from "./params.ts";
import type { Payload } from "./payload.ts";
import { Queries } from "./queries.ts";
import type {
  ApiCall,
  InjectedFault,
  KeyboardView,
  LocalBotApi,
  LocalBotApiOptions,
  SentFile,
  StoredMessage,
  TestUser,
  WaitForCallOptions,
} from "./types.ts";
import { UpdateQueue } from "./update-queue.ts";

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

/** A leading "/command" (optionally "@bot"), which Telegram marks with a bot_command entity. */
const BOT_COMMAND = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]+)?/;

export class LocalTelegram implements LocalBotApi {
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  apiRoot = "";

  private readonly log = new CallLog();
  readonly calls: readonly ApiCall[] = this.log.calls;
  private readonly queue = new UpdateQueue();
  private readonly chats: Chats;
  private readonly files = new Files();
  private readonly queries = new Queries();
  private readonly faults = new Faults();
  private readonly run: RunCall;
  private readonly http: HttpFront;
  private closing?: Promise<void>;

  constructor(options: LocalBotApiOptions) {
    this.botInfo = { ...DEFAULT_BOT_INFO, ...options.botInfo };
    this.token = options.token ?? `${this.botInfo.id}:local-bot-api-token`;
    this.chats = new Chats(this.botInfo);
    const { botInfo, queue, chats, files, queries } = this;
    this.run = methodRunner({ botInfo, queue, chats, files, queries, commands: new Commands() });
    this.http = new HttpFront({
      token: this.token,
      log: this.log,
      answer: (method, payload, signal) => this.faults.answer(method, payload, signal, this.run),
      download: (path) => files.download(path),
    });
  }

  async listen(port: number): Promise<void> {
    this.apiRoot = await this.http.listen(port);
  }

  // ----- user actions -------------------------------------------------------------------------

  sendText(user: TestUser, text: string): Update {
    const command = BOT_COMMAND.exec(text)?.[0];
    const entities = command ? [{ type: "bot_command", offset: 0, length: command.length }] : undefined;
    return this.queue.push({ message: this.chats.userMessage(user, { text, ...(entities ? { entities } : {}) }) });
  }

  shareLocation(user: TestUser, latitude: number, longitude: number): Update {
    return this.queue.push({ message: this.chats.userMessage(user, { location: { latitude, longitude } }) });
  }

  sendDocument(user: TestUser, file: SentFile): Update {
    const document = this.files.receive(file);
    return this.queue.push({ message: this.chats.userMessage(user, { document }) });
  }

  pressButton(user: TestUser, messageId: number, data: string): Update {
    const record = this.chats.botMessage(user.id, messageId);
    if (!record) throw new Error(`pressButton: the bot has no message ${messageId} in chat ${user.id}`);
    const markup = inlineOnly(record.message.reply_markup as Json | undefined);
    const buttons = markup ? keyboardView(messageId, markup).buttons.flat() : [];
    if (!buttons.some((b) => b.data === data)) {
      const shown = JSON.stringify(buttons.map((b) => b.data));
      throw new Error(`pressButton: message ${messageId} has no button with data "${data}" (it has ${shown})`);
    }
    const query = {
      id: this.queries.openCallback(),
      from: userObject(user),
      message: structuredClone(record.message),
      chat_instance: `ci-${user.id}`,
      data,
    };
    return this.queue.push({ callback_query: query });
  }

  inlineQuery(user: TestUser, query: string): Update {
    this.chats.remember(user);
    const id = this.queries.openInlineQuery();
    return this.queue.push({ inline_query: { id, from: userObject(user), query, offset: "" } });
  }

  pushUpdate(update: Omit<Update, "update_id">): Update {
    if (update.callback_query) this.queries.acceptCallback(update.callback_query.id);
    return this.queue.push(structuredClone(update) as Json);
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
      const result = await this.run(method, payload, new AbortController().signal);
      this.log.record({ method, payload, at, response: result, inWebhookAnswer: true });
    }
    return response.status;
  }

  // ----- observation --------------------------------------------------------------------------

  onCall(listener: (call: ApiCall) => void): () => void {
    return this.log.onCall(listener);
  }

  waitForCall(predicate: (call: ApiCall) => boolean, options?: WaitForCallOptions): Promise<ApiCall> {
    return this.log.waitForCall(predicate, options);
  }

  messagesTo(chatId: number): StoredMessage[] {
    return this.chats.messagesTo(chatId);
  }

  lastKeyboard(chatId: number): KeyboardView | undefined {
    return this.chats.lastKeyboard(chatId);
  }

  pendingUpdates(): number {
    return this.queue.pending();
  }

  inProgress(method: string): number {
    return this.log.inProgress(method);
  }

  // ----- fault injection and shutdown ---------------------------------------------------------

  failNext(method: string, fault: InjectedFault, times = 1, when: (payload: Payload) => boolean = () => true): void {
    this.faults.add(method, fault, times, when);
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private shutdown(): Promise<void> {
    this.queue.close();
    return this.http.close();
  }
}
