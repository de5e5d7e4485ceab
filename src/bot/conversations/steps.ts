import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import type { GeoPoint } from "../../domain/catalog/schema.ts";
import type { BotContext, ConversationContext } from "../context.ts";
import { servesCommune, staffCommunes } from "../helpers/roles.ts";
import type { CallbackCodec, CallbackValues, Field } from "../keyboards/callback-codec.ts";
import { callbacks } from "../keyboards/callback-data.ts";

type DialogueConversation = Conversation<BotContext, ConversationContext>;
type Fields = Record<string, Field<unknown>>;

/**
 * Waits for a tap on a button of `codec` (only those of `among`, when given: a forged or old
 * button is not one of them) and answers it; other taps are answered as outdated.
 */
export async function choose<F extends Fields>(
  conversation: DialogueConversation,
  ctx: ConversationContext,
  codec: CallbackCodec<F>,
  among?: CallbackValues<F>[],
): Promise<CallbackValues<F>> {
  const pack = codec.pack as (values: CallbackValues<F>) => string;
  const tap = await conversation.waitForCallbackQuery(among ? among.map(pack) : codec.filter, answeringTaps(ctx));
  await tap.answerCallbackQuery();
  return codec.read(tap.callbackQuery.data);
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

/** What a step makes of a message: a value, or why it is refused (undefined: ignored silently). */
export type Reading<T> = { ok: true; value: T } | { ok: false; error?: string | undefined };

/**
 * Waits for a message `read` accepts. A refused one gets `read`'s explanation and the question
 * stays open; the refused update is dropped from the dialogue, so it does not grow its log.
 */
export function askUntil<T>(
  conversation: DialogueConversation,
  ctx: ConversationContext,
  read: (message: Message) => Reading<T>,
): Promise<T> {
  return conversation.form.build<T, string | undefined>({
    validate: (c) => {
      const reading = c.message ? read(c.message) : { ok: false as const };
      return reading.ok ? reading : { ok: false, error: reading.error };
    },
    otherwise: (c, error) => (error ? c.reply(error) : answeringTaps(ctx).otherwise(c)),
  });
}

/** The staff member's commune: asked with buttons only when they serve several. */
export async function pickCommune(
  conversation: DialogueConversation,
  ctx: ConversationContext,
  codes: string[],
  questionKey: string,
): Promise<string> {
  if (codes.length === 1) return codes[0] as string;
  const keyboard = new InlineKeyboard();
  for (const code of codes)
    keyboard.text(ctx.services.catalog.communes.get(code)?.name ?? code, callbacks.staffCommune.pack({ code })).row();
  await ctx.reply(ctx.t(questionKey), { reply_markup: keyboard });
  const among = codes.map((code) => ({ code }));
  return (await choose(conversation, ctx, callbacks.staffCommune, among)).code;
}

/**
 * Whether the sender still serves `communeCode`, read from the store at this step rather than
 * remembered from the dialogue's start: a revocation applies before anything is sent or saved.
 * A revoked staff member is told so.
 */
export async function stillStaff(
  conversation: DialogueConversation,
  ctx: ConversationContext,
  communeCode: string,
): Promise<boolean> {
  if (await conversation.external((c) => servesCommune(c, communeCode))) return true;
  await ctx.reply(ctx.t("staff.rights_revoked"));
  return false;
}

/** The communes the sender serves, read once at the dialogue's start (the result is replayed). */
export function dialogueStaffCommunes(conversation: DialogueConversation): Promise<string[]> {
  return conversation.external((c) => staffCommunes(c));
}

/**
 * A map pin: a shared location or "lat,lon" typed; anything else gets `again`. With `keep`,
 * "-" keeps the current pin (undefined).
 */
export async function askPin(
  conversation: DialogueConversation,
  ctx: ConversationContext,
  keys: { ask: string; again: string; keep?: string },
): Promise<GeoPoint | undefined> {
  await ctx.reply(ctx.t(keys.ask));
  return askUntil(conversation, ctx, (message): Reading<GeoPoint | undefined> => {
    if (message.location)
      return { ok: true, value: { lat: message.location.latitude, lon: message.location.longitude } };
    if (keys.keep !== undefined && message.text?.trim() === keys.keep) return { ok: true, value: undefined };
    const typed = typedLocation(message.text);
    return typed ? { ok: true, value: typed } : { ok: false, error: ctx.t(keys.again) };
  });
}

/** "16.2566, 107.198" typed as text. */
export function typedLocation(text: string | undefined): GeoPoint | undefined {
  const match = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text ?? "");
  if (!match) return undefined;
  const lat = Number(match[1]);
  const lon = Number(match[2]);
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : undefined;
}
