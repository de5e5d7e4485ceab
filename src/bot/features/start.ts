import { InlineKeyboard } from "grammy";
import type { BotContext } from "../context.ts";
import { COMMUNE_CONVERSATION } from "../conversations/choose-commune.ts";
import { Feature } from "../feature.ts";
import { isGreeting, isSkip } from "../helpers/greeting.ts";
import { locationReply } from "../helpers/place-reply.ts";
import { saveCommune } from "../helpers/save-commune.ts";
import { callbacks } from "../keyboards/callback-data.ts";
import { choiceButtons } from "../keyboards/communes.ts";
import { communeSavedMessage } from "../views/commune-choice.ts";
import { noticesQuestion } from "./notices.ts";

/** /start greets in the user's language and asks for the commune; /commune changes it. */
export const startFeature = new Feature<BotContext>();
const privateChats = startFeature.chatType("private");

async function greetAndAskCommune(ctx: BotContext & { from: { first_name: string } }) {
  await ctx.reply(ctx.t("start.greeting", { name: ctx.from.first_name }));
  await ctx.conversation.enter(COMMUNE_CONVERSATION);
}

privateChats.command("start", greetAndAskCommune);

// "xin chào" is how most people open a chat: answer it like /start, but someone who already
// chose their commune is greeted with it, not asked again.
privateChats.on("message:text").filter(
  (ctx) => isGreeting(ctx.message.text, ctx.services.catalog.synonyms.greetings),
  async (ctx) => {
    const code = ctx.profile.communeCode;
    const commune = code ? ctx.services.catalog.communes.get(code) : undefined;
    if (!commune) return greetAndAskCommune(ctx);
    const names = { name: ctx.from.first_name, commune: commune.name, province: commune.province };
    const lines = [ctx.t("start.welcome_back", names), "", ctx.t("start.after_choice"), ctx.t("start.or_tap")];
    await ctx.reply(lines.join("\n"), { reply_markup: exampleButtons(ctx, commune.code) });
  },
);

/**
 * The greeting's everyday examples as buttons, each opening the card of what its words find in
 * the commune: the usual errands are one tap from "xin chào", not a search and a pick.
 */
function exampleButtons(ctx: BotContext, communeCode: string): InlineKeyboard {
  const within = ctx.services.catalog.postedCodes(communeCode);
  const keyboard = new InlineKeyboard();
  for (const words of ctx.t("start.examples", { returnObjects: true }) as string[]) {
    const [hit] = ctx.services.search.answer(words, { limit: 1, within }).hits;
    if (hit?.kind !== "procedure") continue;
    keyboard.text(`📄 ${hit.procedure.name[ctx.locale]}`, callbacks.card.pack({ code: hit.procedure.code })).row();
  }
  return keyboard;
}

privateChats.command("commune", (ctx) => ctx.conversation.enter(COMMUNE_CONVERSATION));

// A location shared outside the commune question (its button can stay on screen): the nearest
// communes, whose buttons save the choice like the question's.
privateChats.on("message:location", async (ctx) => {
  const { latitude: lat, longitude: lon } = ctx.message.location;
  const found = locationReply(ctx, { lat, lon });
  await ctx.reply(found.text, found.choices.length > 0 ? { reply_markup: choiceButtons(found.choices) } : {});
});

// The question's "Skip" button stays on screen if the citizen left by tapping a procedure: it
// still means "go on without a commune", not a search for the word "skip".
privateChats.on("message:text").filter(
  (ctx) => isSkip(ctx.message.text, ctx.t("commune.skip_button")),
  async (ctx) => {
    await ctx.reply(ctx.t("commune.skipped"), { reply_markup: { remove_keyboard: true } });
  },
);

// A commune button tapped after its dialogue ended (a second tap, or after a restart) still works.
privateChats.callbackQuery(callbacks.commune.filter, async (ctx) => {
  await ctx.answerCallbackQuery();
  const picked = callbacks.commune.read(ctx.callbackQuery.data);
  const commune = ctx.services.catalog.communes.get(picked.code);
  if (!commune) return;
  const oldUnit = commune.formedFrom.find((u) => u.code === picked.oldUnit);
  await saveCommune(ctx, commune, oldUnit);
  await ctx.reply(communeSavedMessage(commune, oldUnit, ctx.t, ctx.locale));
  const question = noticesQuestion(ctx.t, commune);
  await ctx.reply(question.text, { reply_markup: question.keyboard });
});
