/**
 * A fake Telegram Bot API server of our own, on 127.0.0.1, over real HTTP.
 *
 * grammY talks to it through `client.apiRoot`, exactly as it would talk to Telegram: the
 * end-to-end tests drive the real bot with it, and the terminal chat (`npm start` without a
 * BOT_TOKEN) runs the same bot through it. It answers the methods motcua uses, keeps the chat
 * state (messages, edits, keyboards), and validates payloads the way Telegram does where our
 * bugs would otherwise only show up in production: text length after entity parsing, HTML
 * that Telegram cannot parse, callback_data over 64 bytes, edits that change nothing. Users can
 * also send inline queries (the answer's results are checked like messages), and the files the
 * bot uploads are kept with its calls (`uploads`) for tests to read.
 */
import { LocalTelegram } from "./telegram.ts";
import type { LocalBotApi, LocalBotApiOptions } from "./types.ts";

export { contentRefusal, onContentRefusal } from "./refusals.ts";
export type * from "./types.ts";

/** Starts a local Bot API on 127.0.0.1 (a random free port unless `options.port` is given). */
export async function startLocalBotApi(options: LocalBotApiOptions = {}): Promise<LocalBotApi> {
  const api = new LocalTelegram(options);
  await api.listen(options.port ?? 0);
  return api;
}
