import { InlineKeyboard } from "grammy";
import type { ElsewhereItem } from "../../domain/elsewhere/schema.ts";
import { redactPersonal } from "../../domain/privacy/redact.ts";
import type { SmallTalkKind } from "../../domain/search/query-words.ts";
import { logPreview } from "../../logger.ts";
import type { BotContext } from "../context.ts";
import { Feature } from "../feature.ts";
import { replyProcedureCard, showCardView } from "../helpers/reply-card.ts";
import { replyLong } from "../helpers/reply-long.ts";
import { callbacks } from "../keyboards/callback-data.ts";
import { procedureButtons, resultButtons } from "../keyboards/procedures.ts";
import { elsewhereAnswer } from "../views/elsewhere-answer.ts";
import { cutAt, quoteTyped } from "../views/html.ts";

/** Longest text taken as a search; longer messages get a polite "please be brief". */
const MAX_QUERY_LENGTH = 200;
/** Results shown as buttons. */
const RESULT_LIMIT = 5;

/**
 * Citizen guidance: free-text search in the user's commune (a card at once when one answer is
 * clearly ahead, opened at the part asked about; where to go for what the commune does not do;
 * a friendly word for small talk), browsing by field, procedure cards, and the entry to the
 * personalised checklist.
 */
export const guideFeature = new Feature<BotContext>();
const privateChats = guideFeature.chatType("private");

privateChats.command("fields", (ctx) => replyFieldList(ctx));
privateChats.callbackQuery(callbacks.field.filter, async (ctx) => {
  await ctx.answerCallbackQuery();
  const fieldId = callbacks.field.read(ctx.callbackQuery.data).id;
  if (fieldId === "") {
    await replyFieldList(ctx);
    return;
  }
  const field = ctx.services.catalog.field(fieldId);
  if (!field) {
    await ctx.reply(ctx.t("common.outdated_button"));
    return;
  }
  const procedures = ctx.services.catalog.proceduresInField(fieldId, ctx.profile.communeCode);
  if (procedures.length === 0) {
    await ctx.reply(ctx.t("fields.empty"));
    return;
  }
  await ctx.reply(ctx.t("fields.procedures", { field: field.name[ctx.locale] }), {
    reply_markup: procedureButtons(procedures, ctx.locale),
  });
});

privateChats.callbackQuery(callbacks.card.filter, async (ctx) => {
  await ctx.answerCallbackQuery();
  const { code, focus } = callbacks.card.read(ctx.callbackQuery.data);
  const procedure = ctx.services.catalog.procedure(code);
  if (!procedure) {
    await ctx.reply(ctx.t("common.outdated_button"));
    return;
  }
  await replyProcedureCard(ctx, procedure, ctx.profile.communeCode, focus);
});

// A card's buttons: the same message becomes the detail asked for, or the summary again.
privateChats.callbackQuery(callbacks.cardView.filter, async (ctx) => {
  const { code, view, page, focus } = callbacks.cardView.read(ctx.callbackQuery.data);
  const procedure = ctx.services.catalog.procedure(code);
  if (!procedure) {
    await ctx.answerCallbackQuery({ text: ctx.t("common.outdated_button") });
    return;
  }
  await ctx.answerCallbackQuery();
  await showCardView(ctx, procedure, { view, page, ...(focus ? { focus } : {}) });
});

privateChats.callbackQuery(callbacks.elsewhere.filter, async (ctx) => {
  await ctx.answerCallbackQuery();
  const item = ctx.services.catalog.elsewhereItem(callbacks.elsewhere.read(ctx.callbackQuery.data).id);
  if (!item) {
    await ctx.reply(ctx.t("common.outdated_button"));
    return;
  }
  await replyElsewhere(ctx, item);
});

privateChats.on("message:text", async (ctx, next) => {
  const text = ctx.message.text;
  if (text.startsWith("/")) {
    await next();
    return;
  }
  if (text.length > MAX_QUERY_LENGTH) {
    await ctx.reply(ctx.t("search.too_long"));
    return;
  }
  const { catalog, search, store } = ctx.services;
  const communeCode = ctx.profile.communeCode;
  const within = communeCode ? catalog.postedCodes(communeCode) : undefined;
  const answer = search.answer(text, { limit: RESULT_LIMIT, ...(within ? { within } : {}) });
  if (answer.smallTalk) {
    await replySmallTalk(ctx, answer.smallTalk);
    return;
  }
  const at = new Date().toISOString();
  const where = communeCode ? { communeCode } : {};
  const query = redactPersonal(text, ctx.services.dossierLookup.format.pattern);
  await store.events.record({
    at,
    kind: answer.hits.length > 0 ? "search" : "unanswered",
    query: cutAt(query, 100),
    ...where,
  });
  const [first] = answer.hits;
  if (!first) {
    ctx.logger.info({ commune: communeCode, query: logPreview(query) }, "unanswered search");
    await replyMiss(ctx, text, answer.nearFields);
  } else if (answer.lead && first.kind === "procedure")
    await replyProcedureCard(ctx, first.procedure, communeCode, answer.facet);
  else if (answer.lead && first.kind === "elsewhere") await replyElsewhere(ctx, first.item);
  else {
    await ctx.reply(ctx.t("search.results", { query: quoteTyped(text) }), {
      reply_markup: resultButtons(answer.hits, ctx.locale, {
        browseLabel: ctx.t("common.browse_fields"),
        ...(answer.facet ? { focus: answer.facet } : {}),
      }),
    });
  }
});

/** Where to go for something the commune does not do; then the way back to what it does. */
async function replyElsewhere(ctx: BotContext, item: ElsewhereItem) {
  const keyboard = new InlineKeyboard().text(ctx.t("common.browse_fields"), callbacks.field.pack({ id: "" }));
  await replyLong(ctx, elsewhereAnswer(item, ctx.t, ctx.locale), keyboard);
}

/** "cảm ơn", "ok", "?": a short friendly answer and what to do next, never "nothing found". */
async function replySmallTalk(ctx: BotContext, kind: SmallTalkKind) {
  const keyboard = new InlineKeyboard().text(ctx.t("common.browse_fields"), callbacks.field.pack({ id: "" }));
  await ctx.reply([ctx.t(`small_talk.${kind}`), ctx.t("small_talk.next")].join("\n"), { reply_markup: keyboard });
}

/** Nothing relevant: the nearest fields, all fields, and asking the center (recorded as unanswered). */
async function replyMiss(ctx: BotContext, text: string, nearFields: string[]) {
  const { catalog } = ctx.services;
  const keyboard = new InlineKeyboard();
  for (const field of nearFields.flatMap((id) => catalog.field(id) ?? []))
    keyboard.text(field.name[ctx.locale], callbacks.field.pack({ id: field.id })).row();
  keyboard
    .text(ctx.t("common.browse_fields"), callbacks.field.pack({ id: "" }))
    .row()
    .text(ctx.t("search.ask_center"), callbacks.askCenter.pack());
  const lines = [
    ctx.t("search.none", { query: quoteTyped(text) }),
    ...(nearFields.length > 0 ? [ctx.t("search.near_fields")] : []),
  ];
  await ctx.reply(lines.join("\n"), { reply_markup: keyboard });
}

function replyFieldList(ctx: BotContext) {
  const keyboard = new InlineKeyboard();
  for (const field of ctx.services.catalog.fields) {
    keyboard.text(field.name[ctx.locale], callbacks.field.pack({ id: field.id })).row();
  }
  return ctx.reply(ctx.t("fields.choose"), { reply_markup: keyboard });
}
