import { autoRetry } from "@grammyjs/auto-retry";
import type { Api, Context, NextFunction, Transformer } from "grammy";

const TEXT_METHODS = new Set(["sendMessage", "editMessageText", "sendPhoto", "editMessageCaption"]);

/**
 * Every text we send is HTML: texts from locales carry <b>/<i>, and interpolated values are
 * HTML-escaped by i18next. Making HTML the default keeps one rule everywhere.
 */
export const htmlByDefault: Transformer = (prev, method, payload, signal) => {
  if (TEXT_METHODS.has(method) && payload && !("parse_mode" in payload)) {
    return prev(method, { ...payload, parse_mode: "HTML" } as typeof payload, signal);
  }
  return prev(method, payload, signal);
};

/**
 * auto-retry (429s, 5xx, lost connections), except for getUpdates: grammY's polling loop
 * already retries a failed poll every 3 s (or after retry_after), while auto-retry's pauses
 * after lost connections double without end (3 s, 6 s... up to an hour), which would leave the
 * bot deaf for as long again as a network outage lasted.
 */
export function retryExceptPolling(
  retry: Transformer = autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 }),
): Transformer {
  return (prev, method, payload, signal) =>
    method === "getUpdates" ? prev(method, payload, signal) : retry(prev, method, payload, signal);
}

/**
 * Answering a button press only stops the spinner on the citizen's button. Telegram refuses a
 * second answer, or one too late ("query is too old..."): that happens when a press is handled
 * again after a crash (it was not yet confirmed) or after a long outage. Nothing is lost then,
 * so it must not fail the update (and a conversation with it) into an apology.
 */
export const tolerateExpiredCallbackQueries: Transformer = async (prev, method, payload, signal) => {
  const response = await prev(method, payload, signal);
  if (
    method === "answerCallbackQuery" &&
    !response.ok &&
    response.error_code === 400 &&
    /query is too old|query ID is invalid/i.test(response.description)
  ) {
    return { ok: true, result: true as never };
  }
  return response;
};

/** Installs our API defaults: HTML parse mode, waiting out 429s, 5xx and lost connections, expired button answers. */
export function installApiDefaults(api: Api): void {
  api.config.use(retryExceptPolling());
  api.config.use(tolerateExpiredCallbackQueries);
  api.config.use(htmlByDefault);
}

/** The same defaults inside a conversation, whose context has an Api object of its own. */
export async function apiDefaultsPlugin(ctx: Context, next: NextFunction): Promise<void> {
  installApiDefaults(ctx.api);
  await next();
}
