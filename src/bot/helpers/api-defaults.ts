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

/** Installs our API defaults: HTML parse mode, and waiting out 429s and 5xx (auto-retry). */
export function installApiDefaults(api: Api): void {
  api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 }));
  api.config.use(htmlByDefault);
}

/** The same defaults inside a conversation, whose context has an Api object of its own. */
export async function apiDefaultsPlugin(ctx: Context, next: NextFunction): Promise<void> {
  installApiDefaults(ctx.api);
  await next();
}
