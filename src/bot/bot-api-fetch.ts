/**
 * How the bot's Bot API calls go over HTTP: grammY's client `fetch`, done by undici's `request`
 * (Node's own HTTP client, pooled keep-alive connections) instead of node-fetch, grammY's default
 * on Node. A Bot API call is a POST answered with JSON, and grammY reads only `json()` of the
 * answer; node-fetch builds a WHATWG Request, Headers and streams around each call, and Node's
 * global fetch (undici's fetch) costs more still. Measured in the whole-bot bench: see
 * docs/performance.md.
 */
import type { Readable } from "node:stream";
import type { ApiClientOptions } from "grammy";
import { Agent, type Dispatcher, request } from "undici";

/** The part of a fetch answer the bot reads. */
export interface BotApiResponse {
  readonly ok: boolean;
  readonly status: number;
  json(): Promise<unknown>;
  text(): Promise<string>;
}

/** What grammY passes: a JSON body (a string), or a multipart upload (a stream). */
export interface BotApiRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Readable | null;
  signal?: AbortSignal | null;
}

export type BotApiFetch = (url: string | URL, init?: BotApiRequest) => Promise<BotApiResponse>;

/**
 * Keep-alive connections, as many as calls in flight (node-fetch's agent had no limit either);
 * no timeout of undici's own: grammY's `timeoutSeconds` aborts a call through its signal.
 */
const dispatcher = new Agent({ keepAliveTimeout: 30_000, headersTimeout: 0, bodyTimeout: 0 });

const succeeded = (status: number) => status >= 200 && status < 300;

/** An answer the bot made itself (webhook-answer.ts's stand-ins): JSON text and a status. */
export function jsonResponse(text: string, status = 200): BotApiResponse {
  return {
    ok: succeeded(status),
    status,
    json: async () => JSON.parse(text) as unknown,
    text: async () => text,
  };
}

export const botApiFetch: BotApiFetch = async (url, init = {}) => {
  const { body } = init;
  const answer = await request(url, {
    method: (init.method ?? "GET") as Dispatcher.HttpMethod,
    ...(init.headers ? { headers: init.headers } : {}),
    ...(body ? { body } : {}),
    ...(init.signal ? { signal: init.signal } : {}),
    dispatcher,
  });
  return {
    ok: succeeded(answer.statusCode),
    status: answer.statusCode,
    json: () => answer.body.json(),
    text: () => answer.body.text(),
  };
};

/** The same, as grammY's client option (grammY types its fetch as node-fetch's, with statics it never uses). */
export const asGrammyFetch = (fetch: BotApiFetch) => fetch as unknown as NonNullable<ApiClientOptions["fetch"]>;
