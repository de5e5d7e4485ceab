/** The public shapes of the local Bot API: what tests and the terminal chat use. */
import type { Message, ResponseParameters, Update, UserFromGetMe } from "grammy/types";

/** A Telegram user acting in tests or in the terminal. Their private chat id is their user id. */
export interface TestUser {
  id: number;
  first_name?: string;
  language_code?: string;
  username?: string;
}

/** A file a user sends as a document. */
export interface SentFile {
  name: string;
  content: Uint8Array;
  mimeType?: string;
  /** The size Telegram reports, when not the content's (a file over the download cap, without the bytes). */
  size?: number;
}

/** What the server answered, in Telegram's envelope. */
export interface ApiResponse {
  ok: boolean;
  /** Present when `ok`. `any` on purpose: tests read nested fields of any Bot API object. */
  // biome-ignore lint/suspicious/noExplicitAny: see above
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
  // biome-ignore lint/suspicious/noExplicitAny: see above
  payload: Record<string, any>;
  /** `Date.now()` when the request arrived (calls are listed in the order they were answered). */
  at: number;
  response: ApiResponse;
  /** The bot put this call in its answer to a webhook request (see `deliver`). */
  inWebhookAnswer?: true;
  /** Files the bot uploaded with this call, by parameter (e.g. `uploads.photo`): the bytes it sent. */
  uploads?: Record<string, Buffer>;
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

/**
 * The connection is cut without any HTTP answer. By default the call never reached Telegram;
 * with `carriedOut` it was carried out first and only the answer was lost.
 */
export interface InjectedDrop {
  drop: true;
  carriedOut?: boolean;
}

/**
 * No answer for `hangMs`, then the call is carried out and answered as usual; a call whose
 * client gave up before that is not carried out (recorded with error_code 0).
 */
export interface InjectedHang {
  hangMs: number;
}

/** What `failNext` makes the server do with the next call of a method. */
export type InjectedFault = InjectedError | InjectedDrop | InjectedHang;

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
  /** The user sends a file as a document; the bot downloads it with getFile and the file URL. */
  sendDocument(user: TestUser, file: SentFile): Update;
  /** The user shares a location (a pin, not a live location). */
  shareLocation(user: TestUser, latitude: number, longitude: number): Update;
  /**
   * The user taps the inline button carrying `data` on the bot's message `messageId`. Throws if
   * that message or button does not exist: a real user could not tap it either.
   */
  pressButton(user: TestUser, messageId: number, data: string): Update;
  /** The user types "@bot `query`" in any chat: an inline query the bot answers with answerInlineQuery. */
  inlineQuery(user: TestUser, query: string): Update;
  /** Enqueues any other update; update_id is assigned here. */
  pushUpdate(update: Omit<Update, "update_id">): Update;
  /**
   * Posts `update` to a webhook at `url` as Telegram does, and carries out the call the bot put
   * in its answer, if any (listed in `calls` with `inWebhookAnswer`). Resolves with the HTTP
   * status; a network error rejects. Telegram would post it again until it gets a 2xx.
   */
  deliver(url: string, update: unknown, secretToken?: string): Promise<number>;

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
  /** Calls of `method` received and not yet answered (e.g. held by a `hangMs` fault). */
  inProgress(method: string): number;

  /**
   * The next `times` calls of `method` meet `fault`: an error answer, a cut connection, or a
   * delay; with `when`, only calls whose payload it accepts (e.g. one chat's).
   */
  failNext(
    method: string,
    fault: InjectedFault,
    times?: number,
    when?: (payload: Record<string, unknown>) => boolean,
  ): void;
  /** Ends pending long polls with an empty result, then stops the server. Idempotent. */
  close(): Promise<void>;
}
