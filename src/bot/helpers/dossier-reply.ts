import { type LookupResult, lookupDossier } from "../../domain/dossiers/lookup.ts";
import type { ConversationContext } from "../context.ts";
import { lookupAnswer } from "../views/lookup-answer.ts";
import { replyLong } from "./reply-long.ts";

/**
 * A look-up for this chat with what its answer needs: whether the chat follows the dossier, and
 * the token of its "notify me" button. Plain data, so a conversation can keep it in its log.
 */
export interface DossierFound {
  result: LookupResult;
  following: boolean;
  token: string;
}

/** Looks a dossier up by the code (and key, where receipts carry one) the sender gave. */
export async function findDossier(ctx: ConversationContext, input: string, now: Date, key?: string) {
  const chatId = ctx.chat?.id ?? 0;
  const request = {
    userId: ctx.from?.id ?? chatId,
    input,
    now,
    ...(key !== undefined ? { key } : {}),
    ...(ctx.profile.communeCode ? { communeCode: ctx.profile.communeCode } : {}),
  };
  const result = await lookupDossier(ctx.services.dossierLookup, request);
  const code = result.kind === "found" ? result.dossier.code : "";
  const following = code !== "" && (await ctx.services.store.dossiers.isSubscribed(code, chatId));
  return { result, following, token: ctx.services.followToken(chatId, code) } satisfies DossierFound;
}

/** The answer to a look-up (a "needs a key" result is asked for instead, by the caller). */
export function replyDossier(ctx: ConversationContext, found: DossierFound, now: Date): Promise<void> {
  const { t, locale, services } = ctx;
  const reply = lookupAnswer(found.result, { t, locale, catalog: services.catalog, now, ...found });
  // Missing papers and notes come from the center's files, up to 10,000 characters a cell.
  return replyLong(ctx, reply.text, reply.keyboard);
}
