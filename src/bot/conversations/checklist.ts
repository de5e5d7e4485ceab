import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard } from "grammy";
import type { TailoringQuestion } from "../../domain/catalog/schema.ts";
import { buildChecklist } from "../../domain/checklist/build.ts";
import { foldVietnamese } from "../../domain/text/fold.ts";
import type { BotContext, ConversationContext } from "../context.ts";
import { replyLong } from "../helpers/reply-long.ts";
import { callbacks } from "../keyboards/callback-data.ts";
import { shareKeyboard } from "../keyboards/procedures.ts";
import { checklistMessage } from "../views/checklist.ts";
import { escapeHtml } from "../views/html.ts";

export const CHECKLIST_CONVERSATION = "checklist";

type ChecklistConversation = Conversation<BotContext, ConversationContext>;

/**
 * Asks a procedure's tailoring questions one at a time with buttons, then sends the
 * personalised checklist as one message to keep, and the center as a venue pin.
 */
export async function checklistConversation(
  conversation: ChecklistConversation,
  ctx: ConversationContext,
  code: string,
) {
  const procedure = ctx.services.catalog.procedure(code);
  if (!procedure) return;
  const answers: Record<string, string> = {};
  for (const [index, question] of procedure.questions.entries()) {
    answers[question.id] = await ask(conversation, ctx, question, index, procedure.questions.length);
  }
  const profile = await conversation.external(async (c) => {
    const stored = await c.services.store.users.get(c.from?.id ?? 0);
    const where = stored?.communeCode ? { communeCode: stored.communeCode } : {};
    await c.services.store.events.record({
      at: new Date().toISOString(),
      kind: "checklist",
      procedureCode: code,
      ...where,
    });
    return stored;
  });
  const commune = profile?.communeCode ? ctx.services.catalog.communes.get(profile.communeCode) : undefined;
  const checklist = buildChecklist(procedure, answers);
  const where = commune
    ? { commune, anywhereInProvince: ctx.services.catalog.provinceWideCodes(commune.code).has(code) }
    : {};
  await replyLong(
    ctx,
    checklistMessage(checklist, answers, { t: ctx.t, locale: ctx.locale, ...where }),
    shareKeyboard(procedure, ctx.t, ctx.locale),
  );
  const location = commune?.center?.location;
  // The center's pin would send people to the wrong building for what the commune police take.
  if (commune?.center && location && procedure.filedAt === "center") {
    await ctx.replyWithVenue(location.lat, location.lon, commune.center.name[ctx.locale], commune.center.address);
  }
}

/** Asks one question and waits for a tap on one of its options (or its label typed). */
async function ask(
  conversation: ChecklistConversation,
  ctx: ConversationContext,
  question: TailoringQuestion,
  index: number,
  total: number,
): Promise<string> {
  const keyboard = new InlineKeyboard();
  for (const [i, o] of question.options.entries())
    keyboard.text(o.label[ctx.locale], callbacks.answer.pack({ question: index, option: i })).row();
  const text = ctx.t("checklist.question_progress", { n: index + 1, total, question: question.text[ctx.locale] });
  await ctx.reply(text, { reply_markup: keyboard });
  for (;;) {
    const update = await conversation.waitFor(["callback_query:data", "message:text"]);
    if (update.message?.text !== undefined) {
      const typed = optionByLabel(question, update.message.text);
      if (typed) return typed;
      await update.reply(ctx.t("checklist.tap_button"));
      continue;
    }
    const match = callbacks.answer.unpack(update.callbackQuery?.data ?? "");
    // Another button (a card, a field...): the citizen moved on; let the bot handle it.
    if (!match) return conversation.halt({ next: true });
    const option = match.question === index ? question.options[match.option] : undefined;
    // A tap on an earlier question's buttons is harmless: it was answered already.
    await update.answerCallbackQuery(option ? undefined : { text: ctx.t("common.outdated_button") });
    if (option) {
      await update.editMessageText(`${text}\n✓ ${escapeHtml(option.label[ctx.locale])}`);
      return option.id;
    }
  }
}

/** "có", "co", "Yes" typed instead of tapping. */
function optionByLabel(question: TailoringQuestion, typed: string): string | undefined {
  const folded = foldVietnamese(typed);
  if (folded === "") return undefined;
  return question.options.find((o) => [o.label.vi, o.label.en].some((l) => foldVietnamese(l) === folded))?.id;
}
