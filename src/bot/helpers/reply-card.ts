import { GrammyError } from "grammy";
import type { Catalog } from "../../domain/catalog/catalog.ts";
import type { Procedure } from "../../domain/catalog/schema.ts";
import type { Facet } from "../../domain/search/query-words.ts";
import type { BotContext } from "../context.ts";
import { type CardView, cardKeyboard } from "../keyboards/card.ts";
import { type CardContext, procedureCard } from "../views/procedure-card.ts";
import { procedureDetail } from "../views/procedure-details.ts";

/**
 * Sends a procedure's card as seen from `communeCode` (their center, local notes), opened at the
 * part asked about (`focus`), and counts the view. Its buttons show the details in place.
 */
export async function replyProcedureCard(
  ctx: BotContext,
  procedure: Procedure,
  communeCode: string | undefined,
  focus?: Facet,
): Promise<void> {
  const context = cardContext(ctx.services.catalog, ctx, procedure, communeCode, focus);
  await ctx.services.store.events.record({
    at: new Date().toISOString(),
    kind: "card",
    procedureCode: procedure.code,
    ...(context.commune ? { communeCode: context.commune.code } : {}),
  });
  await ctx.reply(procedureCard(procedure, context), {
    link_preview_options: { is_disabled: true },
    reply_markup: cardKeyboard(procedure, ctx.t, ctx.locale, { view: "summary", ...(focus ? { focus } : {}) }),
  });
}

/**
 * Turns the card message a button was tapped on into another of its views: one message per
 * card, however much the citizen opens (phones on weak links, a chat that stays short).
 */
export async function showCardView(
  ctx: BotContext,
  procedure: Procedure,
  at: { view: CardView; page: number; focus?: Facet },
): Promise<void> {
  const context = cardContext(ctx.services.catalog, ctx, procedure, ctx.profile.communeCode, at.focus);
  const pages =
    at.view === "summary" ? [procedureCard(procedure, context)] : procedureDetail(procedure, at.view, context);
  const page = Math.min(at.page, pages.length - 1);
  const keyboard = cardKeyboard(procedure, ctx.t, ctx.locale, { ...at, page, pages: pages.length });
  await ctx
    .editMessageText(pages[page] as string, { link_preview_options: { is_disabled: true }, reply_markup: keyboard })
    .catch(ignoreUnchanged);
}

/** A second tap on the view already shown: Telegram refuses an edit that changes nothing. */
function ignoreUnchanged(error: unknown): void {
  if (error instanceof GrammyError && error.description.includes("message is not modified")) return;
  throw error;
}

/** What a card shows in `communeCode` (its center, its local note, the province's rule). */
export function cardContext(
  catalog: Catalog,
  { t, locale }: Pick<CardContext, "t" | "locale">,
  procedure: Procedure,
  communeCode: string | undefined,
  focus?: Facet,
): CardContext {
  const commune = communeCode ? catalog.communes.get(communeCode) : undefined;
  const note = commune ? catalog.localNote(commune.code, procedure.code) : undefined;
  const context: CardContext = { t, locale, ...(focus ? { focus } : {}) };
  if (!commune) return context;
  const anywhereInProvince = catalog.provinceWideCodes(commune.code).has(procedure.code);
  return { ...context, commune, anywhereInProvince, ...(note ? { note } : {}) };
}
