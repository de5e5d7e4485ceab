import type { Conversation } from "@grammyjs/conversations";
import { Keyboard } from "grammy";
import type { Found } from "../../domain/search/procedure-search.ts";
import type { BotContext, ConversationContext } from "../context.ts";
import { noticesQuestion } from "../features/notices.ts";
import { isGreeting, isSkip } from "../helpers/greeting.ts";
import { type Choice, locationReply, PAGE_SIZE, readPlace } from "../helpers/place-reply.ts";
import { saveCommune } from "../helpers/save-commune.ts";
import { callbacks } from "../keyboards/callback-data.ts";
import { choiceButtons } from "../keyboards/communes.ts";
import { resultButtons } from "../keyboards/procedures.ts";
import { communeSavedMessage } from "../views/commune-choice.ts";
import { quoteTyped } from "../views/html.ts";
import { typedLocation } from "./steps.ts";

export const COMMUNE_CONVERSATION = "commune";

/** Names not found before the bot offers the location button and going on without a commune. */
const TRIES_BEFORE_HELP = 2;

type CommuneConversation = Conversation<BotContext, ConversationContext>;

/**
 * Asks where the citizen lives: a commune name (new or old, any spelling, an old district),
 * a shared location or "lat,lon". Never a trap: the question names its ways out (/cancel, skip),
 * a procedure question is answered first, a greeting greeted, and after two names not found the
 * location button and going on without a commune are offered.
 */
export async function chooseCommuneConversation(conversation: CommuneConversation, ctx: ConversationContext) {
  await ctx.reply(ctx.t("start.ask_commune"), { reply_markup: questionKeyboard(ctx) });
  let listed: Choice[] = [];
  let province: string | undefined;
  let failures = 0;
  // Each answer changes what the next one means (the list shown, the province typed, the names
  // not found): a dialogue that goes on until a commune is saved or skipped.
  for (;;) {
    const update = await conversation.waitUntil(answersQuestion, {
      // Another button (a card, a field...): the citizen moved on; let the bot handle it.
      otherwise: (other) => (other.callbackQuery ? conversation.halt({ next: true }) : undefined),
    });
    const data = update.callbackQuery?.data;
    if (data !== undefined) {
      await update.answerCallbackQuery();
      const picked = callbacks.commune.unpack(data);
      const page = callbacks.communePage.unpack(data);
      if (picked) return save(conversation, ctx, toChoice(picked));
      if (!page) return skip(ctx);
      await showPage(ctx, listed, page.page, ctx.t("commune.more"));
      continue;
    }
    const text = update.message?.text ?? "";
    const shared = update.message?.location;
    const point = shared ? { lat: shared.latitude, lon: shared.longitude } : typedLocation(text);
    if (point) {
      const found = await conversation.external((c) => locationReply(c, point));
      await ctx.reply(found.text, found.choices.length > 0 ? { reply_markup: choiceButtons(found.choices) } : {});
      continue;
    }
    if (isSkip(text, ctx.t("commune.skip_button"))) return skip(ctx);
    if (isGreeting(text, ctx.services.catalog.synonyms.greetings)) {
      await ctx.reply(ctx.t("commune.greeting_reply"), { reply_markup: questionKeyboard(ctx) });
      continue;
    }
    const reply = await conversation.external((c) => readPlace(c, text, province));
    if (reply.kind === "one") return save(conversation, ctx, reply.choice);
    if (reply.kind === "list") {
      listed = reply.choices;
      await showPage(ctx, listed, 0, reply.header);
    } else if (reply.kind === "province") {
      province = text;
      await ctx.reply(reply.text);
    } else if (reply.kind === "question") {
      await answerQuestion(ctx, text, reply.keys);
    } else {
      failures += 1;
      await ctx.reply(
        ctx.t(failures >= TRIES_BEFORE_HELP ? "commune.not_found_help" : "commune.not_found", {
          query: quoteTyped(text),
        }),
        {
          reply_markup: questionKeyboard(ctx),
        },
      );
    }
  }
}

const QUESTION_BUTTONS = [callbacks.commune, callbacks.communePage, callbacks.communeSkip];

/** A name or a location, or a tap on one of the question's buttons. */
function answersQuestion(update: ConversationContext): boolean {
  const data = update.callbackQuery?.data;
  if (data !== undefined) return QUESTION_BUTTONS.some((codec) => codec.filter.test(data));
  return update.message?.text !== undefined || update.message?.location !== undefined;
}

function toChoice(picked: { code: string; oldUnit?: string }): Choice {
  return { code: picked.code, ...(picked.oldUnit ? { oldUnitCode: picked.oldUnit } : {}), label: "" };
}

/** Reply buttons under the question: share a location, or go on without a commune. */
function questionKeyboard(ctx: ConversationContext): Keyboard {
  return new Keyboard().requestLocation(ctx.t("start.share_location")).text(ctx.t("commune.skip_button")).resized();
}

/** How `hitKey` names a thing done elsewhere. */
const ELSEWHERE = "elsewhere:";

/** A procedure question asked instead of a commune: answer it, then ask the commune to complete it. */
async function answerQuestion(ctx: ConversationContext, text: string, keys: string[]) {
  const { catalog } = ctx.services;
  const found = keys.flatMap((key): Found[] => {
    const item = key.startsWith(ELSEWHERE) ? catalog.elsewhereItem(key.slice(ELSEWHERE.length)) : undefined;
    const procedure = item ? undefined : catalog.procedure(key);
    return item ? [{ kind: "elsewhere", item }] : procedure ? [{ kind: "procedure", procedure }] : [];
  });
  await ctx.reply(ctx.t("search.results", { query: quoteTyped(text) }), {
    reply_markup: resultButtons(found, ctx.locale),
  });
  await ctx.reply(ctx.t("commune.ask_to_complete"), { reply_markup: questionKeyboard(ctx) });
}

/** One page of a list of communes, with a button to the next page when there is one. */
async function showPage(ctx: ConversationContext, choices: Choice[], page: number, header: string) {
  const shown = choices.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  if (shown.length === 0) return void (await ctx.reply(ctx.t("common.outdated_button")));
  const keyboard = choiceButtons(shown);
  const pages = Math.ceil(choices.length / PAGE_SIZE);
  if (page + 1 < pages)
    keyboard.text(
      ctx.t("commune.next_page", { page: page + 2, pages }),
      callbacks.communePage.pack({ page: page + 1 }),
    );
  await ctx.reply(header, { reply_markup: keyboard });
}

async function skip(ctx: ConversationContext) {
  await ctx.reply(ctx.t("commune.skipped"), { reply_markup: { remove_keyboard: true } });
}

/** Saves the choice and says plainly where the citizen now belongs. */
async function save(conversation: CommuneConversation, ctx: ConversationContext, choice: Choice) {
  const commune = ctx.services.catalog.communes.get(choice.code);
  if (!commune) return;
  const oldUnit = commune.formedFrom.find((u) => u.code === choice.oldUnitCode);
  await conversation.external((c) => saveCommune(c, commune, oldUnit));
  await ctx.reply(communeSavedMessage(commune, oldUnit, ctx.t, ctx.locale), {
    reply_markup: { remove_keyboard: true },
  });
  const question = noticesQuestion(ctx.t, commune);
  await ctx.reply(question.text, { reply_markup: question.keyboard });
}
