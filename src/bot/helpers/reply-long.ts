import type { Context, InlineKeyboard } from "grammy";
import { splitMessage } from "../views/html.ts";

/** Sends an HTML text in as many messages as Telegram's limit needs; buttons on the last. */
export async function replyLong(ctx: Context, html: string, keyboard?: InlineKeyboard): Promise<void> {
  const parts = splitMessage(html);
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    await ctx.reply(part, {
      link_preview_options: { is_disabled: true },
      ...(last && keyboard ? { reply_markup: keyboard } : {}),
    });
  }
}
