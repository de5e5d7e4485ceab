import { Composer } from "grammy";
import { foldVietnamese } from "../../domain/text/fold.ts";
import type { BotContext } from "../context.ts";
import { COMMUNE_CONVERSATION } from "../conversations/choose-commune.ts";

/** /start greets in the user's language and asks for the commune; /commune changes it. */
export const startFeature = new Composer<BotContext>();
const privateChats = startFeature.chatType("private");

async function greetAndAskCommune(ctx: BotContext & { from: { first_name: string } }) {
  await ctx.reply(ctx.t("start.greeting", { name: ctx.from.first_name }));
  await ctx.conversation.enter(COMMUNE_CONVERSATION);
}

privateChats.command("start", greetAndAskCommune);

// "xin chào" is how most people open a chat: answer it like /start.
privateChats
  .on("message:text")
  .filter((ctx) => isGreeting(ctx.message.text, ctx.services.catalog.synonyms.greetings), greetAndAskCommune);

function isGreeting(text: string, greetings: readonly string[]): boolean {
  const folded = foldVietnamese(text);
  return folded !== "" && greetings.some((g) => foldVietnamese(g) === folded);
}

privateChats.command("commune", (ctx) => ctx.conversation.enter(COMMUNE_CONVERSATION));
