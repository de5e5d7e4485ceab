import type { BotError } from "grammy";
import type { BotContext } from "./context.ts";

/**
 * Logs a failed update with its id and answers the user politely (never with the error's
 * text). State is untouched: stores roll back a write that failed.
 */
export async function errorBoundary(error: BotError<BotContext>): Promise<void> {
  const ctx = error.ctx;
  ctx.logger.error({ err: error.error }, "update failed");
  if (ctx.chat?.type !== "private") return;
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
    await ctx.reply(ctx.t("common.error"));
  } catch (replyError) {
    ctx.logger.warn({ err: replyError }, "could not send the apology");
  }
}
