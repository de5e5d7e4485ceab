import { Composer } from "grammy";
import type { BotContext } from "../context.ts";
import { BROADCAST_CONVERSATION } from "../conversations/broadcast.ts";
import { audit, staffCommunes } from "../helpers/roles.ts";

/** Staff commands, for their own communes only; everyone else gets a polite refusal. */
export const staffFeature = new Composer<BotContext>();
const privateChats = staffFeature.chatType("private");

privateChats.command("broadcast", async (ctx) => {
  if ((await staffCommunes(ctx)).length === 0) return void (await ctx.reply(ctx.t("staff.refused")));
  await ctx.conversation.enter(BROADCAST_CONVERSATION);
});

/** "Stop sending" under a broadcast's progress message. */
privateChats.callbackQuery(/^bx:([\w-]+)$/, async (ctx) => {
  const notice = await ctx.services.store.notices.get(ctx.match[1] ?? "");
  const mine = notice && (await staffCommunes(ctx)).includes(notice.communeCode);
  if (!notice || !mine) return void (await ctx.answerCallbackQuery({ text: ctx.t("staff.refused") }));
  ctx.broadcasts.cancel(notice.id);
  await audit(ctx, "broadcast.cancel", notice.communeCode, { noticeId: notice.id });
  await ctx.answerCallbackQuery({ text: ctx.t("broadcast.stop_requested") });
});
