import { InlineKeyboard } from "grammy";
import type { Commune } from "../../domain/communes/types.ts";
import type { BotContext } from "../context.ts";
import { COMMUNE_CONVERSATION } from "../conversations/choose-commune.ts";
import { type ArrivalSource, decodeStartPayload } from "../deep-link.ts";
import { Feature } from "../feature.ts";
import { replyProcedureCard } from "../helpers/reply-card.ts";
import { callbacks } from "../keyboards/callback-data.ts";
import { askForCode } from "./dossier.ts";

/**
 * /start with a payload (t.me/<bot>?start=...): opens the bot on a commune, a procedure or the
 * dossier look-up. Installed before the start feature: every /start is counted as an arrival
 * here, and one without a usable payload (none, malformed, unknown commune or procedure) goes on
 * to the usual greeting.
 */
export const deepLinkFeature = new Feature<BotContext>();
const privateChats = deepLinkFeature.chatType("private");

privateChats.command("start", async (ctx, next) => {
  const link = decodeStartPayload(ctx.match.trim());
  const { catalog } = ctx.services;
  const commune = link?.communeCode ? catalog.communes.get(link.communeCode) : undefined;
  const procedure = link?.procedureCode ? catalog.procedure(link.procedureCode) : undefined;
  await recordArrival(ctx, link?.source ?? "direct", commune?.code ?? ctx.profile.communeCode);
  if (!commune && !procedure && !link?.status) return next();
  await ctx.reply(ctx.t("start.greeting", { name: ctx.from.first_name }));
  if (procedure) await replyProcedureCard(ctx, procedure, commune?.code ?? ctx.profile.communeCode);
  if (commune && commune.code !== ctx.profile.communeCode) await askToSave(ctx, commune);
  else if (!procedure && link?.status) await askForCode(ctx);
  else if (!procedure) await ctx.reply(ctx.t("start.after_choice"));
});

/** "No, another commune" under the confirmation: the usual commune question. */
privateChats.callbackQuery(callbacks.otherCommune.filter, async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(COMMUNE_CONVERSATION);
});

/**
 * One line and two buttons: "yes" is the commune button of the commune question, so saving it
 * (and what follows) is the start feature's, as when the citizen picks it from a list.
 */
function askToSave(ctx: BotContext, commune: Commune) {
  const keyboard = new InlineKeyboard()
    .text(ctx.t("deeplink.save_commune"), callbacks.commune.pack({ code: commune.code }))
    .row()
    .text(ctx.t("deeplink.other_commune"), callbacks.otherCommune.pack());
  return ctx.reply(ctx.t("deeplink.confirm_commune", { name: commune.name, province: commune.province }), {
    reply_markup: keyboard,
  });
}

function recordArrival(ctx: BotContext, source: ArrivalSource, communeCode: string | undefined) {
  const where = communeCode ? { communeCode } : {};
  return ctx.services.store.events.record({ at: new Date().toISOString(), kind: "arrival", source, ...where });
}
