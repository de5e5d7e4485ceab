import { InlineKeyboard } from "grammy";
import type { BotContext } from "../context.ts";
import { Feature } from "../feature.ts";
import { callbacks } from "../keyboards/callback-data.ts";

export const helpFeature = new Feature<BotContext>();

helpFeature.chatType("private").command("help", (ctx) =>
  ctx.reply(ctx.t("help.text"), {
    reply_markup: new InlineKeyboard().text(ctx.t("dossier.check_button"), callbacks.dossierAsk.pack()),
  }),
);
