import type { Conversation } from "@grammyjs/conversations";
import type { BotContext, ConversationContext } from "../context.ts";
import { findDossier, replyDossier } from "../helpers/dossier-reply.ts";
import { answeringTaps } from "./steps.ts";

export const DOSSIER_KEY_CONVERSATION = "dossier-key";
export const DOSSIER_CODE_CONVERSATION = "dossier-code";

type DossierConversation = Conversation<BotContext, ConversationContext>;

/**
 * After /status (or "check my dossier") without a code: the next message is the code, never a
 * procedure search; a malformed one gets the expected shape.
 */
export async function dossierCodeConversation(conversation: DossierConversation, ctx: ConversationContext) {
  await ctx.reply(ctx.t("dossier.ask_code", { example: ctx.services.dossierLookup.format.example }));
  const input = await conversation.form.text(answeringTaps(ctx));
  await lookUpAndAnswer(conversation, ctx, input);
}

/**
 * Where receipts carry a look-up key (mã tra cứu), asks for it after the code; nothing about
 * the dossier is shown without it.
 */
export async function dossierKeyConversation(
  conversation: DossierConversation,
  ctx: ConversationContext,
  code: string,
) {
  await askKeyAndAnswer(conversation, ctx, code);
}

async function askKeyAndAnswer(conversation: DossierConversation, ctx: ConversationContext, code: string) {
  await ctx.reply(ctx.t("dossier.ask_key"));
  const key = (await conversation.form.text(answeringTaps(ctx))).trim();
  await lookUpAndAnswer(conversation, ctx, code, key);
}

async function lookUpAndAnswer(
  conversation: DossierConversation,
  ctx: ConversationContext,
  input: string,
  key?: string,
) {
  const now = new Date(await conversation.now());
  const found = await conversation.external((c) => findDossier(c, input, now, key));
  if (found.result.kind === "needs_key") return askKeyAndAnswer(conversation, ctx, found.result.code);
  await replyDossier(ctx, found, now);
}
