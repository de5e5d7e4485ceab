import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard, Keyboard } from "grammy";
import type { CommuneMatch } from "../../domain/communes/types.ts";
import type { BotContext, ConversationContext } from "../context.ts";
import { saveCommune } from "../helpers/save-commune.ts";
import { callbackData, callbackPatterns } from "../keyboards/callback-data.ts";
import { noticesQuestion } from "../features/notices.ts";
import { communeSavedMessage } from "../views/commune-choice.ts";
import { quoteTyped } from "../views/html.ts";

export const COMMUNE_CONVERSATION = "commune";

/** More candidates than this: ask for the province instead of a long list of buttons. */
const MAX_CHOICES = 8;
/** Nearest centers offered for a shared location. */
const NEAREST = 3;

type CommuneConversation = Conversation<BotContext, ConversationContext>;

/** A choice as stored in the conversation's replay log: codes only (JSON). */
interface Choice {
  code: string;
  oldUnitCode?: string;
  label: string;
}

/**
 * Asks where the citizen lives: a commune name (new or old, any spelling) or a shared
 * location; several candidates become buttons; the choice is saved to their profile.
 */
export async function chooseCommuneConversation(conversation: CommuneConversation, ctx: ConversationContext) {
  const shareLocation = new Keyboard().requestLocation(ctx.t("start.share_location")).resized().oneTime();
  await ctx.reply(ctx.t("start.ask_commune"), { reply_markup: shareLocation });
  for (;;) {
    const update = await conversation.waitFor(["message:text", "message:location", "callback_query:data"]);
    let choices: Choice[];
    if (update.callbackQuery) {
      const picked = callbackPatterns.commune.exec(update.callbackQuery.data ?? "");
      if (!picked) return conversation.halt({ next: true });
      await update.answerCallbackQuery();
      return save(conversation, ctx, { code: picked[1] ?? "", ...(picked[2] ? { oldUnitCode: picked[2] } : {}), label: "" });
    }
    const location = update.message?.location;
    if (location) {
      choices = await conversation.external((c) => nearestChoices(c, location.latitude, location.longitude));
      if (choices.length === 0) {
        await update.reply(ctx.t("commune.no_nearby"));
        continue;
      }
      await update.reply(ctx.t("commune.nearest"), { reply_markup: choiceButtons(choices) });
      continue;
    }
    const query = update.message?.text ?? "";
    choices = await conversation.external((c) => namedChoices(c, query));
    if (choices.length === 1) return save(conversation, ctx, choices[0] as Choice);
    if (choices.length === 0) await update.reply(ctx.t("commune.not_found", { query: quoteTyped(query) }));
    else if (choices.length > MAX_CHOICES) await update.reply(ctx.t("commune.too_many", { query: quoteTyped(query) }));
    else await update.reply(ctx.t("commune.choose"), { reply_markup: choiceButtons(choices) });
  }
}

function namedChoices(ctx: ConversationContext, query: string): Choice[] {
  return ctx.services.catalog.communes.find(query).map((m) => toChoice(ctx, m));
}

function nearestChoices(ctx: ConversationContext, lat: number, lon: number): Choice[] {
  return ctx.services.catalog.communes.nearest({ lat, lon }, NEAREST).map((n) => ({
    code: n.commune.code,
    label: ctx.t("commune.nearest_option", {
      name: `${n.commune.name}, ${n.commune.province}`,
      km: n.distanceKm.toFixed(1),
      interpolation: { escapeValue: false },
    }),
  }));
}

function toChoice(ctx: ConversationContext, { commune, oldUnit }: CommuneMatch): Choice {
  const names = { name: commune.name, province: commune.province, interpolation: { escapeValue: false } };
  return {
    code: commune.code,
    ...(oldUnit ? { oldUnitCode: oldUnit.code } : {}),
    label: oldUnit
      ? ctx.t("commune.option_old", { ...names, old: oldUnit.name, district: oldUnit.district })
      : ctx.t("commune.option_current", names),
  };
}

function choiceButtons(choices: Choice[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const c of choices) keyboard.text(c.label, callbackData.commune(c.code, c.oldUnitCode)).row();
  return keyboard;
}

/** Saves the choice and says plainly where the citizen now belongs. */
async function save(conversation: CommuneConversation, ctx: ConversationContext, choice: Choice) {
  const commune = ctx.services.catalog.communes.get(choice.code);
  if (!commune) return;
  const oldUnit = commune.formedFrom.find((u) => u.code === choice.oldUnitCode);
  await conversation.external((c) => saveCommune(c, commune, oldUnit));
  await ctx.reply(communeSavedMessage(commune, oldUnit, ctx.t, ctx.locale), { reply_markup: { remove_keyboard: true } });
  const question = noticesQuestion(ctx.t, commune);
  await ctx.reply(question.text, { reply_markup: question.keyboard });
}
