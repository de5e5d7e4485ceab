/**
 * Replies that go out exactly once in webhook mode, even when an instance dies mid-update.
 *
 * A reply sent over HTTP and the webhook request's answer are two events: die between them and
 * Telegram sends the update again, so the citizen gets the reply twice. Telegram also carries out
 * one Bot API call put in the webhook's answer, and only once it has that answer, which is also
 * what stops it re-sending: the reply and "handled" become one event. So, during an update, the
 * last message sent is held back and becomes the answer; a later call sends the held one
 * over HTTP first (order is kept). With several instances the ledger stores the answer with the
 * update, and a copy Telegram re-sends (the answer was lost on the way) gets it again.
 *
 * Edits and button answers are held the same way, not for exactly-once (doing them twice shows
 * nothing new) but to save a request: a tap's answerCallbackQuery goes out when its edit comes,
 * and the edit rides in the answer. A held edit that Telegram refuses fails unseen, which is
 * what the bot makes of the only refusal it expects ("message is not modified") anyway.
 *
 * Held at the fetch level, below every transformer: a conversation records each call's result
 * for its replays, so replays must see the held call as done and never reach here again. Each
 * update's Api fetches through its own answer (see `throughAnswer`), and so do the Api objects a
 * conversation makes from it, as they copy its client options. The update is not found through
 * AsyncLocalStorage: on Node 20 it slows every promise of the process.
 *
 * An update that outlasts the webhook's timeout gets a 500, and Telegram re-sends it: with a
 * ledger, its answer is stored when it ends and given to the copy; without one, what it held is
 * dropped (never sent) and the copy is handled anew, so the reply still goes out once.
 *
 * The price, as Telegram documents: nobody learns whether the held call succeeded, and a held
 * message's Message is a stand-in (message_id 0). Code that needs the real one sends it through
 * `sendForResult`.
 */
import { Api, type ApiClientOptions, type Context, type NextFunction } from "grammy";
import type { Update } from "grammy/types";
import {
  asGrammyFetch,
  type BotApiFetch,
  type BotApiRequest,
  type BotApiResponse,
  jsonResponse,
  botApiFetch as send,
} from "./bot-api-fetch.ts";

/** Calls held for the answer, and the stand-in result each gives its caller. */
const STAND_INS: Record<string, (payload: Payload) => unknown> = {
  sendMessage: messageStandIn,
  sendLocation: messageStandIn,
  sendVenue: messageStandIn,
  editMessageText: messageStandIn,
  answerCallbackQuery: () => true,
};

/** Held calls whose refusal fails unseen, sent before a later call as in the answer. */
const UNSEEN_REFUSALS = new Set(["editMessageText", "answerCallbackQuery"]);

/** A message's stand-in: an edited one keeps its id; a new one gets 0 (its real id is unknown). */
function messageStandIn(payload: Payload) {
  return {
    message_id: Number(payload.message_id ?? 0),
    date: Math.floor(Date.now() / 1000),
    chat: { id: payload.chat_id, type: "private" },
    text: payload.text,
  };
}

type Payload = Record<string, unknown>;

/** Answers by update, set by the webhook server before the update is handled. */
const answers = new WeakMap<Update, WebhookAnswer>();
/** Answers by the fetch of the Api objects that call through them. */
const byFetch = new WeakMap<object, WebhookAnswer>();

interface HeldCall {
  method: string;
  payload: Payload;
  url: string;
  init: BotApiRequest;
}

/** The answer to one webhook request, gathered while its update is handled. */
export class WebhookAnswer {
  private held: HeldCall | undefined;
  private closedWith: { body: string | undefined } | undefined;
  /** Off while `unheld` runs. */
  private holding = true;

  constructor() {
    byFetch.set(this.fetch, this);
  }

  /** Holding is over (or never began): calls go out as usual. */
  get closed(): boolean {
    return this.closedWith !== undefined;
  }

  /** Ends holding; what is held becomes the answer: `{ method, ...payload }` as JSON, or nothing. */
  close(): string | undefined {
    this.closedWith ??= { body: this.held && JSON.stringify({ method: this.held.method, ...this.held.payload }) };
    this.held = undefined;
    return this.closedWith.body;
  }

  /** An update handled before (a copy Telegram re-sent): answers with what was stored then. */
  answerWith(body: string | undefined): void {
    this.held = undefined;
    this.closedWith = { body };
  }

  /** grammY's `client.fetch` for this update's calls: holds replies as described above. */
  readonly fetch: BotApiFetch = async (input, init) => {
    if (this.closed) return send(input, init);
    const failed = await this.flush(init?.signal);
    if (failed) return failed;
    const url = String(input);
    const standIn = this.holding ? this.hold(url.slice(url.lastIndexOf("/") + 1), url, init) : undefined;
    return standIn === undefined ? send(input, init) : jsonResponse(JSON.stringify({ ok: true, result: standIn }));
  };

  /** Runs `call` (this update's calls in it) with nothing held, so its real result comes back. */
  async unheld<T>(call: () => Promise<T>): Promise<T> {
    this.holding = false;
    try {
      return await call();
    } finally {
      this.holding = true;
    }
  }

  /** Holds `method` if it can be held; the stand-in result to give the caller, or undefined. */
  private hold(method: string, url: string, init: BotApiRequest | undefined): unknown {
    const standIn = STAND_INS[method];
    if (!standIn || typeof init?.body !== "string") return undefined;
    const payload = JSON.parse(init.body) as Payload;
    this.held = { method, payload, url, init };
    return standIn(payload);
  }

  /**
   * Sends what is held, before a later call (within that call's signal). A failure is
   * given as that later call's answer: auto-retry waits out a 429 or 5xx and tries again (the
   * held message still first); other failures drop the held message and fail the later call,
   * except an edit's or a button answer's, which fail unseen as they would in the answer (an edit
   * that changes nothing, a button answered too late: see tolerateExpiredCallbackQueries).
   */
  private async flush(signal: AbortSignal | null | undefined): Promise<BotApiResponse | undefined> {
    const held = this.held;
    if (!held) return undefined;
    const response = await send(held.url, { ...held.init, signal: signal ?? null });
    const text = await response.text();
    const { ok, error_code: code } = JSON.parse(text) as { ok: boolean; error_code?: number };
    const retryable = code === 429 || (code ?? 500) >= 500;
    if (ok || !retryable) this.held = undefined;
    return ok || (!retryable && UNSEEN_REFUSALS.has(held.method)) ? undefined : jsonResponse(text, response.status);
  }
}

/** Makes `answer` gather the calls made while `update` is handled (see `throughAnswer`). */
export function answerUpdate(update: Update, answer: WebhookAnswer): void {
  answers.set(update, answer);
}

/**
 * Installed first: an update that came by webhook gets an Api of its own that fetches through
 * the update's answer, with the same client options and transformers as the one grammY made.
 */
export async function throughAnswer(ctx: Context, next: NextFunction): Promise<void> {
  const answer = answers.get(ctx.update);
  if (answer) {
    const api = apiThrough(answer, ctx.api.token, ctx.api.options);
    api.config.use(...ctx.api.config.installedTransformers());
    // grammY types the context's Api as read-only, but nothing has taken it yet.
    (ctx as { api: Api }).api = api;
  }
  await next();
}

/** An Api whose calls go through `answer`, with the client options given besides. */
export function apiThrough(answer: WebhookAnswer, token: string, options: ApiClientOptions = {}): Api {
  return new Api(token, { ...options, fetch: asGrammyFetch(answer.fetch) });
}

/** The answer `api`'s calls go through (a webhook update's Api, or a conversation's made from it), if any. */
export function answerOf(api: Api): WebhookAnswer | undefined {
  const fetch = api.options?.fetch;
  return fetch && byFetch.get(fetch);
}

/** Sends at once whatever `call` sends through `api`, so its real result (message_id) comes back. */
export function sendForResult<T>(api: Api, call: () => Promise<T>): Promise<T> {
  const answer = answerOf(api);
  return answer ? answer.unheld(call) : call();
}
