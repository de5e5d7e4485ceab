import { Composer } from "grammy";
import type { BotContext } from "../context.ts";

/**
 * Ways out of a conversation. Installed before the conversations: while one waits it would
 * swallow every update, commands included. /cancel leaves; any other command leaves the
 * conversation cleanly and then runs as usual.
 */
export const exitsFeature = new Composer<BotContext>();

exitsFeature.command("cancel", async (ctx) => {
  const active = await ctx.conversation.active();
  await ctx.conversation.exitAll();
  await ctx.reply(ctx.t(Object.keys(active).length > 0 ? "common.cancelled" : "common.nothing_to_cancel"), {
    reply_markup: { remove_keyboard: true },
  });
});

exitsFeature.on("message:entities:bot_command", async (ctx, next) => {
  await ctx.conversation.exitAll();
  await next();
});
