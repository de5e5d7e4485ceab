import { InlineKeyboard } from "grammy";
import type { InlineQueryResultArticle } from "grammy/types";
import type { Procedure } from "../../domain/catalog/schema.ts";
import type { BotContext } from "../context.ts";
import { deepLinkUrl } from "../deep-link.ts";
import { Feature } from "../feature.ts";
import { shareCard } from "../views/share-card.ts";

/** Results offered for one inline query (Telegram shows a scrolling list; 50 at most). */
const RESULT_LIMIT = 10;
/** Longest query searched, as in a chat. */
const MAX_QUERY_LENGTH = 200;
/**
 * Seconds Telegram may reuse an answer. Results do not depend on the sender's commune (a card
 * is shared for whoever reads it), but the card is in the sender's language: answers are
 * personal, so a Vietnamese and an English speaker typing the same words each get their own.
 */
const CACHE_SECONDS = 300;
const DESCRIPTION_LENGTH = 120;

/**
 * Inline mode: "@bot khai sinh" in any chat offers matching procedures; the chosen one is
 * posted there as a short card whose button opens the full checklist in the bot, for the
 * reader's own commune.
 */
export const inlineFeature = new Feature<BotContext>();

inlineFeature.on("inline_query", async (ctx) => {
  const query = ctx.inlineQuery.query.trim().slice(0, MAX_QUERY_LENGTH);
  const hits = query === "" ? [] : ctx.services.search.find(query, { limit: RESULT_LIMIT });
  // Only procedures are shared as cards: what is done elsewhere has no checklist to open.
  const results = hits.flatMap((h) => (h.kind === "procedure" ? [article(ctx, h.procedure)] : []));
  await ctx.answerInlineQuery(results, { cache_time: CACHE_SECONDS, is_personal: true });
});

function article(ctx: BotContext, p: Procedure): InlineQueryResultArticle {
  const url = deepLinkUrl(ctx.me.username, { procedureCode: p.code, source: "share" });
  const summary = p.summary[ctx.locale];
  return {
    type: "article",
    id: p.code,
    title: p.name[ctx.locale],
    description: summary.length > DESCRIPTION_LENGTH ? `${summary.slice(0, DESCRIPTION_LENGTH - 1)}…` : summary,
    input_message_content: {
      message_text: shareCard(p, ctx.t, ctx.locale),
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
    },
    reply_markup: new InlineKeyboard().url(ctx.t("share.open_in_bot"), url),
  };
}
