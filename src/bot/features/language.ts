import { InlineKeyboard } from "grammy";
import type { BotContext } from "../context.ts";
import { Feature } from "../feature.ts";
import { callbacks } from "../keyboards/callback-data.ts";

/** /lang switches between Vietnamese and English; the choice is remembered. */
export const languageFeature = new Feature<BotContext>();
const privateChats = languageFeature.chatType("private");

privateChats.command("lang", (ctx) =>
  ctx.reply(ctx.t("language.choose"), {
    reply_markup: new InlineKeyboard()
      .text("Tiếng Việt", callbacks.language.pack({ locale: "vi" }))
      .text("English", callbacks.language.pack({ locale: "en" })),
  }),
);

privateChats.callbackQuery(callbacks.language.filter, async (ctx) => {
  const { locale } = callbacks.language.read(ctx.callbackQuery.data);
  await ctx.services.store.users.update(ctx.from.id, { locale });
  await ctx.answerCallbackQuery();
  await ctx.reply(ctx.services.i18n.translator(locale)("language.changed"));
});
