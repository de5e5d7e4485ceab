import { looksLikeDossierCode } from "../../domain/dossiers/code-format.ts";
import { plain } from "../../i18n/plain.ts";
import type { BotContext } from "../context.ts";
import { DOSSIER_CODE_CONVERSATION, DOSSIER_KEY_CONVERSATION } from "../conversations/dossier-key.ts";
import { Feature } from "../feature.ts";
import { findDossier, replyDossier } from "../helpers/dossier-reply.ts";
import { callbacks } from "../keyboards/callback-data.ts";

/**
 * Residents check a dossier by the code on their receipt: /status CODE, the "check my dossier"
 * button, or the code pasted as a message. They may follow it to be told of every change.
 */
export const dossierFeature = new Feature<BotContext>();
const privateChats = dossierFeature.chatType("private");

privateChats.command("status", async (ctx) => {
  if (ctx.match.trim() === "") await askForCode(ctx);
  else await answer(ctx, ctx.match);
});

privateChats.callbackQuery(callbacks.dossierAsk.filter, async (ctx) => {
  await ctx.answerCallbackQuery();
  await askForCode(ctx);
});

privateChats.on("message:text").filter(
  (ctx) => looksLikeDossierCode(ctx.message.text),
  (ctx) => answer(ctx, ctx.message.text),
);

privateChats.callbackQuery(callbacks.follow.filter, async (ctx) => {
  const { code, token } = callbacks.follow.read(ctx.callbackQuery.data);
  // The token proves this chat was shown the dossier: forged buttons follow nothing.
  if (token !== ctx.services.followToken(ctx.chat.id, code)) {
    await ctx.answerCallbackQuery({ text: ctx.t("common.outdated_button") });
    return;
  }
  await ctx.services.store.dossiers.subscribe(code, ctx.chat.id, ctx.locale);
  // Answers to a tap are plain text.
  await ctx.answerCallbackQuery({ text: plain(ctx.t)("dossier.subscribed", { code }) });
  await ctx.editMessageReplyMarkup().catch(() => undefined);
});

privateChats.callbackQuery(callbacks.unfollow.filter, async (ctx) => {
  const { code } = callbacks.unfollow.read(ctx.callbackQuery.data);
  await ctx.services.store.dossiers.unsubscribe(code, ctx.chat.id);
  await ctx.answerCallbackQuery({ text: plain(ctx.t)("dossier.unsubscribed", { code }) });
  await ctx.editMessageReplyMarkup().catch(() => undefined);
});

/**
 * The prompt for a receipt's code (also where a "check my dossier" link opens): the next message
 * is the code (a conversation), since without one it would run a procedure search.
 */
export function askForCode(ctx: BotContext) {
  return ctx.conversation.enter(DOSSIER_CODE_CONVERSATION);
}

async function answer(ctx: BotContext, input: string): Promise<void> {
  const now = new Date();
  const found = await findDossier(ctx, input, now);
  if (found.result.kind === "needs_key") await ctx.conversation.enter(DOSSIER_KEY_CONVERSATION, found.result.code);
  else await replyDossier(ctx, found, now);
}
