import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.ts";
import { callbackData, callbackPatterns } from "../keyboards/callback-data.ts";

/** /lang switches between Vietnamese and English; the choice is remembered. */
export const languageFeature = new Composer<BotContext>();
const privateChats = languageFeature.chatType("private");

privateChats.command("lang", (ctx) =>
  ctx.reply(ctx.t("language.choose"), {
    reply_markup: new InlineKeyboard()
      .text("Tiếng Việt", callbackData.language("vi"))
      .text("English", callbackData.language("en")),
  }),
);

privateChats.callbackQuery(callbackPatterns.language, async (ctx) => {
  const locale = ctx.match[1] === "en" ? "en" : "vi";
  await ctx.services.store.users.update(ctx.from.id, { locale });
  await ctx.answerCallbackQuery();
  await ctx.reply(ctx.services.i18n.translator(locale)("language.changed"));
});
