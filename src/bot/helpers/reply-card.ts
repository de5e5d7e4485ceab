import type { Procedure } from "../../domain/catalog/schema.ts";
import type { Facet } from "../../domain/search/query-words.ts";
import type { BotContext } from "../context.ts";
import { cardKeyboard } from "../keyboards/procedures.ts";
import { procedureCard } from "../views/procedure-card.ts";
import { replyLong } from "./reply-long.ts";

/**
 * Sends a procedure's card as seen from `communeCode` (their center, local notes), opened at the
 * part asked about (`focus`), and counts the view.
 */
export async function replyProcedureCard(
  ctx: BotContext,
  procedure: Procedure,
  communeCode: string | undefined,
  focus?: Facet,
): Promise<void> {
  const { catalog, store } = ctx.services;
  const commune = communeCode ? catalog.communes.get(communeCode) : undefined;
  const note = commune ? catalog.localNote(commune.code, procedure.code) : undefined;
  const anywhereInProvince = commune ? catalog.provinceWideCodes(commune.code).has(procedure.code) : false;
  const card = procedureCard(procedure, {
    t: ctx.t,
    locale: ctx.locale,
    ...(commune ? { commune, anywhereInProvince } : {}),
    ...(note ? { note } : {}),
    ...(focus ? { focus } : {}),
  });
  await store.events.record({
    at: new Date().toISOString(),
    kind: "card",
    procedureCode: procedure.code,
    ...(commune ? { communeCode: commune.code } : {}),
  });
  await replyLong(ctx, card, cardKeyboard(procedure, ctx.t, ctx.locale));
}
