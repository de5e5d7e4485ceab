import type { Conversation } from "@grammyjs/conversations";
import { lookupDossier } from "../../domain/dossiers/lookup.ts";
import type { BotContext, ConversationContext } from "../context.ts";
import { replyLong } from "../helpers/reply-long.ts";
import { lookupAnswer } from "../views/lookup-answer.ts";
import { answeringTaps } from "./steps.ts";

export const DOSSIER_KEY_CONVERSATION = "dossier-key";

/**
 * Where receipts carry a look-up key (mã tra cứu), asks for it after the code; nothing about
 * the dossier is shown without it.
 */
export async function dossierKeyConversation(conversation: Conversation<BotContext, ConversationContext>, ctx: ConversationContext, code: string) {
  await ctx.reply(ctx.t("dossier.ask_key"));
  const key = (await conversation.waitFor("message:text", answeringTaps(ctx))).message.text.trim();
  const now = new Date(await conversation.now());
  const found = await conversation.external(async (c) => {
    const chatId = c.chat?.id ?? 0;
    const request = { userId: c.from?.id ?? chatId, input: code, key, now, ...(c.profile.communeCode ? { communeCode: c.profile.communeCode } : {}) };
    const result = await lookupDossier(c.services.dossierLookup, request);
    const dossierCode = result.kind === "found" ? result.dossier.code : "";
    const following = dossierCode !== "" && (await c.services.store.dossiers.isSubscribed(dossierCode, chatId));
    return { result, following, token: c.services.followToken(chatId, dossierCode) };
  });
  const reply = lookupAnswer(found.result, { t: ctx.t, locale: ctx.locale, catalog: ctx.services.catalog, now, ...found });
  // Missing papers and notes come from the center's files, up to 10,000 characters a cell.
  await replyLong(ctx, reply.text, reply.keyboard);
}
