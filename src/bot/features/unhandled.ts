import type { BotContext } from "../context.ts";
import { Feature } from "../feature.ts";

/** What no feature took. Must stay last. */
export const unhandledFeature = new Feature<BotContext>();

unhandledFeature.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: ctx.t("common.outdated_button") }));

const privateChats = unhandledFeature.chatType("private");
privateChats.on("message:entities:bot_command", (ctx) => ctx.reply(ctx.t("unhandled.unknown_command")));
privateChats.on("message", (ctx) => ctx.reply(ctx.t("unhandled.text_only")));
