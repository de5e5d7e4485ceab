import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.ts";
import { dossierData } from "../keyboards/dossier.ts";

export const helpFeature = new Composer<BotContext>();

helpFeature.chatType("private").command("help", (ctx) =>
  ctx.reply(ctx.t("help.text"), {
    reply_markup: new InlineKeyboard().text(ctx.t("dossier.check_button"), dossierData.ask),
  }),
);
