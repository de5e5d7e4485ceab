import { Composer } from "grammy";
import { foldVietnamese } from "../../domain/text/fold.ts";
import type { BotContext } from "../context.ts";
import { COMMUNE_CONVERSATION } from "../conversations/choose-commune.ts";
import { saveCommune } from "../helpers/save-commune.ts";
import { callbackPatterns } from "../keyboards/callback-data.ts";
import { communeSavedMessage } from "../views/commune-choice.ts";
import { noticesQuestion } from "./notices.ts";

/** /start greets in the user's language and asks for the commune; /commune changes it. */
export const startFeature = new Composer<BotContext>();
const privateChats = startFeature.chatType("private");

async function greetAndAskCommune(ctx: BotContext & { from: { first_name: string } }) {
  await ctx.reply(ctx.t("start.greeting", { name: ctx.from.first_name }));
  await ctx.conversation.enter(COMMUNE_CONVERSATION);
}

privateChats.command("start", greetAndAskCommune);

// "xin chào" is how most people open a chat: answer it like /start. Once the commune is known,
// a greeting is small talk (a friendly word and what to do next, see guide.ts), not a restart.
privateChats
  .on("message:text")
  .filter((ctx) => !ctx.profile.communeCode && isGreeting(ctx.message.text, ctx.services.catalog.synonyms.greetings), greetAndAskCommune);

function isGreeting(text: string, greetings: readonly string[]): boolean {
  const folded = foldVietnamese(text);
  return folded !== "" && greetings.some((g) => foldVietnamese(g) === folded);
}

privateChats.command("commune", (ctx) => ctx.conversation.enter(COMMUNE_CONVERSATION));

// A commune button tapped after its dialogue ended (a second tap, or after a restart) still works.
privateChats.callbackQuery(callbackPatterns.commune, async (ctx) => {
  await ctx.answerCallbackQuery();
  const commune = ctx.services.catalog.communes.get(ctx.match[1] ?? "");
  if (!commune) return;
  const oldUnit = commune.formedFrom.find((u) => u.code === ctx.match[2]);
  await saveCommune(ctx, commune, oldUnit);
  await ctx.reply(communeSavedMessage(commune, oldUnit, ctx.t, ctx.locale));
  const question = noticesQuestion(ctx.t, commune);
  await ctx.reply(question.text, { reply_markup: question.keyboard });
});
