import { Composer, InlineKeyboard } from "grammy";
import { redactPersonal } from "../../domain/privacy/redact.ts";
import { logPreview } from "../../logger.ts";
import type { BotContext } from "../context.ts";
import { CHECKLIST_CONVERSATION } from "../conversations/checklist.ts";
import { callbackData, callbackPatterns } from "../keyboards/callback-data.ts";
import { procedureButtons } from "../keyboards/procedures.ts";
import { replyProcedureCard } from "../helpers/reply-card.ts";
import { confirmedPhone } from "../views/center.ts";
import { cutAt, quoteTyped } from "../views/html.ts";

/** Longest text taken as a search; longer messages get a polite "please be brief". */
const MAX_QUERY_LENGTH = 200;
/** Results shown as buttons. */
const RESULT_LIMIT = 5;

/**
 * Citizen guidance: free-text search in the user's commune, browsing by field, procedure
 * cards, and the entry to the personalised checklist.
 */
export const guideFeature = new Composer<BotContext>();
const privateChats = guideFeature.chatType("private");

privateChats.command("fields", (ctx) => replyFieldList(ctx));
privateChats.callbackQuery(callbackPatterns.field, async (ctx) => {
  await ctx.answerCallbackQuery();
  const fieldId = ctx.match[1] ?? "";
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

privateChats.callbackQuery(callbackPatterns.card, async (ctx) => {
  await ctx.answerCallbackQuery();
  const code = ctx.match[1] ?? "";
  const procedure = ctx.services.catalog.procedure(code);
  if (!procedure) {
    await ctx.reply(ctx.t("common.outdated_button"));
    return;
  }
  await replyProcedureCard(ctx, procedure, ctx.profile.communeCode);
});

privateChats.callbackQuery(callbackPatterns.checklist, async (ctx) => {
  await ctx.answerCallbackQuery();
  const code = ctx.match[1] ?? "";
  if (!ctx.services.catalog.procedure(code)) {
    await ctx.reply(ctx.t("common.outdated_button"));
    return;
  }
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(CHECKLIST_CONVERSATION, code);
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
  const hits = search.find(text, { limit: RESULT_LIMIT, ...(within ? { within } : {}) });
  const at = new Date().toISOString();
  const where = communeCode ? { communeCode } : {};
  const query = redactPersonal(text, ctx.services.dossierLookup.format.pattern);
  await store.events.record({ at, kind: hits.length > 0 ? "search" : "unanswered", query: cutAt(query, 100), ...where });
  if (hits.length > 0) {
    await ctx.reply(ctx.t("search.results", { query: quoteTyped(text) }), {
      reply_markup: procedureButtons(hits.map((h) => h.procedure), ctx.locale, ctx.t("common.browse_fields")),
    });
    return;
  }
  ctx.logger.info({ commune: communeCode, query: logPreview(query) }, "unanswered search");
  const phone = confirmedPhone(communeCode ? catalog.communes.get(communeCode)?.center : undefined);
  const lines = [ctx.t("search.none", { query: quoteTyped(text) }), ...(phone ? [ctx.t("search.none_phone", { phone })] : [])];
  await ctx.reply(lines.join("\n"), {
    reply_markup: new InlineKeyboard().text(ctx.t("common.browse_fields"), callbackData.field()),
  });
});

function replyFieldList(ctx: BotContext) {
  const keyboard = new InlineKeyboard();
  for (const field of ctx.services.catalog.fields) {
    keyboard.text(field.name[ctx.locale], callbackData.field(field.id)).row();
  }
  return ctx.reply(ctx.t("fields.choose"), { reply_markup: keyboard });
}
