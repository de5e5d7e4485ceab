import type { Conversation } from "@grammyjs/conversations";
import { lookupDossier } from "../../domain/dossiers/lookup.ts";
import type { BotContext, ConversationContext } from "../context.ts";
import { replyLong } from "../helpers/reply-long.ts";
import { lookupAnswer } from "../views/lookup-answer.ts";
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
  const input = (await conversation.waitFor("message:text", answeringTaps(ctx))).message.text;
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
  const key = (await conversation.waitFor("message:text", answeringTaps(ctx))).message.text.trim();
  await lookUpAndAnswer(conversation, ctx, code, key);
}

async function lookUpAndAnswer(
  conversation: DossierConversation,
  ctx: ConversationContext,
  input: string,
  key?: string,
) {
  const now = new Date(await conversation.now());
  const found = await conversation.external(async (c) => {
    const chatId = c.chat?.id ?? 0;
    const request = {
      userId: c.from?.id ?? chatId,
      input,
      now,
      ...(key !== undefined ? { key } : {}),
      ...(c.profile.communeCode ? { communeCode: c.profile.communeCode } : {}),
    };
    const result = await lookupDossier(c.services.dossierLookup, request);
    const dossierCode = result.kind === "found" ? result.dossier.code : "";
    const following = dossierCode !== "" && (await c.services.store.dossiers.isSubscribed(dossierCode, chatId));
    return { result, following, token: c.services.followToken(chatId, dossierCode) };
  });
  if (found.result.kind === "needs_key") return askKeyAndAnswer(conversation, ctx, found.result.code);
  const reply = lookupAnswer(found.result, {
    t: ctx.t,
    locale: ctx.locale,
    catalog: ctx.services.catalog,
    now,
    ...found,
  });
  // Missing papers and notes come from the center's files, up to 10,000 characters a cell.
  await replyLong(ctx, reply.text, reply.keyboard);
}
