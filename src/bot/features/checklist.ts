import { InlineKeyboard } from "grammy";
import type { Procedure, TailoringQuestion } from "../../domain/catalog/schema.ts";
import { type Answers, buildChecklist } from "../../domain/checklist/build.ts";
import type { BotContext } from "../context.ts";
import { Feature } from "../feature.ts";
import { callbacks } from "../keyboards/callback-data.ts";
import { shareKeyboard } from "../keyboards/procedures.ts";
import { checklistMessage } from "../views/checklist.ts";
import { escapeHtml, splitMessage } from "../views/html.ts";

/**
 * The personalised checklist: a procedure's tailoring questions in one message that becomes the
 * next question as each is answered, and at last the checklist to keep, then the center as a
 * venue pin. The card it was opened from stays above, untouched.
 *
 * Each button carries the answers given so far (one option index per question), so a tap is
 * answered from its own data: nothing is stored between questions, a restart or another instance
 * takes the next tap as well, and a tap on an earlier question's button simply answers it again.
 */
export const checklistFeature = new Feature<BotContext>();
const privateChats = checklistFeature.chatType("private");

privateChats.callbackQuery(callbacks.checklist.filter, async (ctx) => {
  const procedure = ctx.services.catalog.procedure(callbacks.checklist.read(ctx.callbackQuery.data).code);
  await ctx.answerCallbackQuery(procedure ? undefined : { text: ctx.t("common.outdated_button") });
  if (procedure) await showStep(ctx, procedure, [], false);
});

privateChats.callbackQuery(callbacks.checklistAnswer.filter, async (ctx) => {
  const { code, answers } = callbacks.checklistAnswer.read(ctx.callbackQuery.data);
  const procedure = ctx.services.catalog.procedure(code);
  const chosen = answers.split("").map(Number);
  // The catalog may have changed under an old button: its answers must still fit the questions.
  if (!procedure || !fitsQuestions(procedure, chosen)) {
    return void (await ctx.answerCallbackQuery({ text: ctx.t("common.outdated_button") }));
  }
  await ctx.answerCallbackQuery();
  await showStep(ctx, procedure, chosen, true);
});

/** The next question after the options `chosen` so far, or the checklist once all are answered. */
async function showStep(ctx: BotContext, procedure: Procedure, chosen: number[], edit: boolean) {
  const next = procedure.questions[chosen.length];
  if (next) {
    const keyboard = new InlineKeyboard();
    for (const [i, option] of next.options.entries()) {
      const answers = [...chosen, i].join("");
      keyboard.text(option.label[ctx.locale], callbacks.checklistAnswer.pack({ code: procedure.code, answers })).row();
    }
    await show(ctx, questionText(ctx, procedure, chosen), keyboard, edit);
    return;
  }
  await showChecklist(ctx, procedure, answersOf(procedure, chosen), edit);
}

async function showChecklist(ctx: BotContext, procedure: Procedure, answers: Answers, edit: boolean) {
  const { catalog, store } = ctx.services;
  const communeCode = ctx.profile.communeCode;
  await store.events.record({
    at: new Date().toISOString(),
    kind: "checklist",
    procedureCode: procedure.code,
    ...(communeCode ? { communeCode } : {}),
  });
  const commune = communeCode ? catalog.communes.get(communeCode) : undefined;
  const where = commune
    ? { commune, anywhereInProvince: catalog.provinceWideCodes(commune.code).has(procedure.code) }
    : {};
  const checklist = checklistMessage(buildChecklist(procedure, answers), answers, {
    t: ctx.t,
    locale: ctx.locale,
    ...where,
  });
  await show(ctx, checklist, shareKeyboard(procedure, ctx.t, ctx.locale), edit);
  const location = commune?.center?.location;
  // The center's pin would send people to the wrong building for what the commune police take.
  if (commune?.center && location && procedure.filedAt === "center") {
    await ctx.replyWithVenue(location.lat, location.lon, commune.center.name[ctx.locale], commune.center.address);
  }
}

/**
 * Shows `html` in the tapped message (`edit`), else as a new message (the first question). A
 * checklist longer than one message fills the question message and follows it, buttons on the
 * last part.
 */
async function show(ctx: BotContext, html: string, keyboard: InlineKeyboard, edit: boolean) {
  const parts = splitMessage(html);
  for (const [i, part] of parts.entries()) {
    const options = {
      link_preview_options: { is_disabled: true },
      ...(i === parts.length - 1 ? { reply_markup: keyboard } : {}),
    };
    if (i === 0 && edit) await ctx.editMessageText(part, options);
    else await ctx.reply(part, options);
  }
}

/** The procedure, the answers given so far, then the next question. */
function questionText(ctx: BotContext, procedure: Procedure, chosen: number[]) {
  const given = chosen.map(
    (option, k) => `✓ ${escapeHtml(procedure.questions[k]?.options[option]?.label[ctx.locale] ?? "")}`,
  );
  const question = procedure.questions[chosen.length] as TailoringQuestion;
  return [
    ctx.t("checklist.heading", { procedure: procedure.name[ctx.locale] }),
    ...given,
    ctx.t("checklist.question_progress", {
      n: chosen.length + 1,
      total: procedure.questions.length,
      question: question.text[ctx.locale],
    }),
  ].join("\n");
}

/** Whether `chosen` are options of the procedure's first questions, one each, none beyond the last. */
function fitsQuestions(procedure: Procedure, chosen: number[]): boolean {
  return (
    chosen.length >= 1 &&
    chosen.length <= procedure.questions.length &&
    chosen.every((option, k) => option < (procedure.questions[k]?.options.length ?? 0))
  );
}

/** The options chosen, by question id and option id, as the checklist is built from. */
function answersOf(procedure: Procedure, chosen: number[]): Answers {
  return Object.fromEntries(
    chosen.map((option, k) => {
      const question = procedure.questions[k] as TailoringQuestion;
      return [question.id, question.options[option]?.id ?? ""];
    }),
  );
}
