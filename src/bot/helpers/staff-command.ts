import { type Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.ts";
import type { callbacks } from "../keyboards/callback-data.ts";
import { servesCommune, staffCommunes } from "./roles.ts";
import { staffOnly } from "./staff-only.ts";

type Action = (ctx: BotContext, communeCode: string) => Promise<void>;

/**
 * A staff command about one of the sender's communes (/stats, /poster): run at once for staff of
 * one commune; staff of several choose with `button`; citizens are refused.
 * Each tap is checked again: a forged or old button for another commune is refused too.
 */
export function staffCommuneCommand(
  composer: Composer<BotContext>,
  command: string,
  button: typeof callbacks.statsCommune,
  questionKey: string,
  act: Action,
): void {
  staffOnly(composer, [command]).command(command, async (ctx) => {
    const communes = await staffCommunes(ctx);
    if (communes.length === 1) return act(ctx, communes[0] as string);
    const keyboard = new InlineKeyboard();
    for (const code of communes)
      keyboard.text(ctx.services.catalog.communes.get(code)?.name ?? code, button.pack({ code })).row();
    await ctx.reply(ctx.t(questionKey), { reply_markup: keyboard });
  });
  composer.chatType("private").callbackQuery(button.filter, async (ctx) => {
    const { code } = button.read(ctx.callbackQuery.data);
    if (!(await servesCommune(ctx, code)))
      return void (await ctx.answerCallbackQuery({ text: ctx.t("staff.refused") }));
    await ctx.answerCallbackQuery();
    await act(ctx, code);
  });
}
