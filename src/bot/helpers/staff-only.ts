import type { Composer } from "grammy";
import type { BotContext } from "../context.ts";
import { staffCommunes } from "./roles.ts";

/**
 * Staff commands of a feature: handlers on the composer returned run for staff of at least one
 * commune, and `commands` sent by anyone else get a polite refusal. The store is asked only for
 * these commands, not for every message passing through the feature.
 */
export function staffOnly(composer: Composer<BotContext>, commands: string[]) {
  const privateChats = composer.chatType("private");
  const staff = privateChats.command(commands).filter(async (ctx) => (await staffCommunes(ctx)).length > 0);
  privateChats.command(commands, (ctx) => ctx.reply(ctx.t("staff.refused")));
  return staff;
}
