import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard } from "grammy";
import type { BotContext, ConversationContext } from "../context.ts";
import { staffCommunes } from "../helpers/roles.ts";
import { callbacks } from "../keyboards/callback-data.ts";

type StaffConversation = Conversation<BotContext, ConversationContext>;

/** Waits for a tap on one of `allowed`; other taps are answered as outdated. */
export async function choose(
  conversation: StaffConversation,
  ctx: ConversationContext,
  allowed: string[],
): Promise<string> {
  for (;;) {
    const update = await conversation.waitFor("callback_query:data");
    const data = update.callbackQuery.data;
    await update.answerCallbackQuery(allowed.includes(data) ? undefined : { text: ctx.t("common.outdated_button") });
    if (allowed.includes(data)) return data;
  }
}

/**
 * Options for a wait on a message: a tap on a button of an earlier step is answered as outdated.
 * Unanswered, it would leave the button's spinner turning, as if the bot had hung.
 */
export function answeringTaps(ctx: ConversationContext) {
  return {
    otherwise: (other: ConversationContext) =>
      other.callbackQuery ? other.answerCallbackQuery({ text: ctx.t("common.outdated_button") }) : undefined,
  };
}

/** The staff member's commune: asked with buttons only when they serve several. */
export async function pickCommune(
  conversation: StaffConversation,
  ctx: ConversationContext,
  codes: string[],
  questionKey: string,
): Promise<string> {
  if (codes.length === 1) return codes[0] as string;
  const keyboard = new InlineKeyboard();
  for (const code of codes)
    keyboard.text(ctx.services.catalog.communes.get(code)?.name ?? code, callbacks.staffCommune.pack({ code })).row();
  await ctx.reply(ctx.t(questionKey), { reply_markup: keyboard });
  const data = await choose(
    conversation,
    ctx,
    codes.map((code) => callbacks.staffCommune.pack({ code })),
  );
  return callbacks.staffCommune.read(data).code;
}

/**
 * Whether the sender still serves `communeCode`, read from the store at this step rather than
 * remembered from the dialogue's start: a revocation applies before anything is sent or saved.
 * A revoked staff member is told so.
 */
export async function stillStaff(
  conversation: StaffConversation,
  ctx: ConversationContext,
  communeCode: string,
): Promise<boolean> {
  const communes = await conversation.external((c) => staffCommunes(c));
  if (communes.includes(communeCode)) return true;
  await ctx.reply(ctx.t("staff.rights_revoked"));
  return false;
}

/** "16.2566, 107.198" typed as text. */
export function typedLocation(text: string | undefined): { lat: number; lon: number } | undefined {
  const match = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text ?? "");
  if (!match) return undefined;
  const lat = Number(match[1]);
  const lon = Number(match[2]);
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : undefined;
}
