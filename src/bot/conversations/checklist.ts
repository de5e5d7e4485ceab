import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard } from "grammy";
import type { Procedure, TailoringQuestion } from "../../domain/catalog/schema.ts";
import { buildChecklist } from "../../domain/checklist/build.ts";
import { foldVietnamese } from "../../domain/text/fold.ts";
import type { BotContext, ConversationContext } from "../context.ts";
import { callbacks } from "../keyboards/callback-data.ts";
import { shareKeyboard } from "../keyboards/procedures.ts";
import { checklistMessage } from "../views/checklist.ts";
import { escapeHtml, splitMessage } from "../views/html.ts";

export const CHECKLIST_CONVERSATION = "checklist";

type ChecklistConversation = Conversation<BotContext, ConversationContext>;

/**
 * Asks a procedure's tailoring questions in one message that becomes the next question as each
 * is answered, and at last the personalised checklist to keep; then the center as a venue pin.
 * The card it was opened from stays above, untouched.
 */
export async function checklistConversation(
  conversation: ChecklistConversation,
  ctx: ConversationContext,
  code: string,
) {
  const procedure = ctx.services.catalog.procedure(code);
  if (!procedure) return;
  const answers: Record<string, string> = {};
  // The update that answered the latest question: a tap there edits the message it was on.
  let last: ConversationContext | undefined;
  for (const [index, question] of procedure.questions.entries()) {
    const keyboard = new InlineKeyboard();
    for (const [i, o] of question.options.entries())
      keyboard.text(o.label[ctx.locale], callbacks.answer.pack({ question: index, option: i })).row();
    await show(last ?? ctx, questionText(ctx, procedure, answers, index), keyboard, last !== undefined);
    last = await conversation.waitUntil((c) => chosen(c, question, index) !== undefined, {
      otherwise: (c) => notAnAnswer(conversation, c),
    });
    answers[question.id] = chosen(last, question, index) as string;
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
  const where = commune
    ? { commune, anywhereInProvince: ctx.services.catalog.provinceWideCodes(commune.code).has(code) }
    : {};
  const checklist = checklistMessage(buildChecklist(procedure, answers), answers, {
    t: ctx.t,
    locale: ctx.locale,
    ...where,
  });
  await show(last ?? ctx, checklist, shareKeyboard(procedure, ctx.t, ctx.locale), last !== undefined);
  const location = commune?.center?.location;
  // The center's pin would send people to the wrong building for what the commune police take.
  if (commune?.center && location && procedure.filedAt === "center") {
    await ctx.replyWithVenue(location.lat, location.lon, commune.center.name[ctx.locale], commune.center.address);
  }
}

/**
 * Shows `html` in the question message when `c` is a tap on it (`edit`), else as a new message
 * (the first question, or after an answer typed instead of tapped). A checklist longer than one
 * message fills the question message and follows it, buttons on the last part.
 */
async function show(c: ConversationContext, html: string, keyboard: InlineKeyboard, edit: boolean) {
  const parts = splitMessage(html);
  for (const [i, part] of parts.entries()) {
    const options = {
      link_preview_options: { is_disabled: true },
      ...(i === parts.length - 1 ? { reply_markup: keyboard } : {}),
    };
    if (i === 0 && edit && c.callbackQuery) {
      await c.answerCallbackQuery();
      await c.editMessageText(part, options);
    } else await c.reply(part, options);
  }
}

/** The procedure, the answers given so far, then question `index`. */
function questionText(ctx: ConversationContext, procedure: Procedure, answers: Record<string, string>, index: number) {
  const given = procedure.questions
    .slice(0, index)
    .map((q) => q.options.find((o) => o.id === answers[q.id])?.label[ctx.locale])
    .map((label) => `✓ ${escapeHtml(label ?? "")}`);
  const question = procedure.questions[index] as TailoringQuestion;
  return [
    ctx.t("checklist.heading", { procedure: procedure.name[ctx.locale] }),
    ...given,
    ctx.t("checklist.question_progress", {
      n: index + 1,
      total: procedure.questions.length,
      question: question.text[ctx.locale],
    }),
  ].join("\n");
}

/** The option a tap on question `index`'s buttons (or its label typed) chose, if any. */
function chosen(c: ConversationContext, question: TailoringQuestion, index: number): string | undefined {
  if (c.message?.text !== undefined) return optionByLabel(question, c.message.text);
  const tap = callbacks.answer.unpack(c.callbackQuery?.data ?? "");
  return tap?.question === index ? question.options[tap.option]?.id : undefined;
}

/** Anything but an answer while a question waits. */
async function notAnAnswer(conversation: ChecklistConversation, c: ConversationContext): Promise<void> {
  if (c.message?.text !== undefined) {
    await c.reply(c.t("checklist.tap_button"));
    return;
  }
  const data = c.callbackQuery?.data;
  if (data === undefined) return;
  // Another button (a card, a field...): the citizen moved on; let the bot handle it.
  if (!callbacks.answer.unpack(data)) await conversation.halt({ next: true });
  // A tap on an earlier question's buttons is harmless: it was answered already.
  await c.answerCallbackQuery({ text: c.t("common.outdated_button") });
}

/** "có", "co", "Yes" typed instead of tapping. */
function optionByLabel(question: TailoringQuestion, typed: string): string | undefined {
  const folded = foldVietnamese(typed);
  if (folded === "") return undefined;
  return question.options.find((o) => [o.label.vi, o.label.en].some((l) => foldVietnamese(l) === folded))?.id;
}
