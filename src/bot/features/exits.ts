import type { BotContext } from "../context.ts";
import { Feature } from "../feature.ts";

/**
 * Ways out of a conversation. Installed before the conversations: while one waits it would
 * swallow every update, commands included. /cancel leaves; any other command leaves the
 * conversation cleanly and then runs as usual. Private chats only: dialogues happen there, and
 * in groups the bot answers nothing at all (a reply to /cancel would be the only one).
 */
export const exitsFeature = new Feature<BotContext>();
const privateChats = exitsFeature.chatType("private");

privateChats.command("cancel", async (ctx) => {
  const active = await ctx.conversation.active();
  await ctx.conversation.exitAll();
  await ctx.reply(ctx.t(Object.keys(active).length > 0 ? "common.cancelled" : "common.nothing_to_cancel"), {
    reply_markup: { remove_keyboard: true },
  });
});

privateChats.on("message:entities:bot_command", async (ctx, next) => {
  await ctx.conversation.exitAll();
  await next();
});
