import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard } from "grammy";
import { applyCenterChange, type CenterChange } from "../../domain/communes/center-update.ts";
import type { BotContext, ConversationContext } from "../context.ts";
import { audit } from "../helpers/roles.ts";
import { callbacks } from "../keyboards/callback-data.ts";
import { centerMessage } from "../views/center.ts";
import { formatCount } from "../views/localized.ts";
import { askPin, askUntil, choose, dialogueStaffCommunes, pickCommune, stillStaff } from "./steps.ts";

export const LOCATION_CONVERSATION = "center-location";

type LocationConversation = Conversation<BotContext, ConversationContext>;
const KEEP = "-";
/**
 * An address, opening hours or a phone number longer than this is surely pasted by mistake; it
 * would also go into every card, checklist and the move notice, which must stay within a message.
 */
const FIELD_LIMIT = 300;

/**
 * Staff update their center after a move: address, opening hours, map pin and phone, each
 * kept with "-"; a preview exactly as /center will show it; confirm. The change is kept in
 * state over data/ and shows at once; then a prefilled "the center has moved" notice is offered.
 */
export async function centerLocationConversation(conversation: LocationConversation, ctx: ConversationContext) {
  const communes = await dialogueStaffCommunes(conversation);
  if (communes.length === 0) return void (await ctx.reply(ctx.t("staff.refused")));
  const commune = ctx.services.catalog.communes.get(
    await pickCommune(conversation, ctx, communes, "location.choose_commune"),
  );
  if (!commune) return;
  await ctx.reply([ctx.t("location.current"), centerMessage(commune, ctx.t, ctx.locale)].join("\n"));
  const change: CenterChange = { updatedAt: new Date(await conversation.now()).toISOString() };
  const address = await askText(conversation, ctx, "location.ask_address");
  if (address) change.address = address;
  const hours = await askText(conversation, ctx, "location.ask_hours");
  if (hours) change.hours = hours;
  const pin = await askPin(conversation, ctx, { ask: "location.ask_pin", again: "location.bad_pin", keep: KEEP });
  if (pin) change.location = pin;
  const phone = await askText(conversation, ctx, "location.ask_phone");
  if (phone) change.phone = phone;

  const updated = { ...commune, center: applyCenterChange(commune, commune.dataCenter, change) };
  await ctx.reply([ctx.t("location.preview"), centerMessage(updated, ctx.t, ctx.locale)].join("\n"), {
    reply_markup: new InlineKeyboard()
      .text(ctx.t("location.confirm"), callbacks.centerConfirm.pack({ answer: "yes" }))
      .text(ctx.t("location.cancel"), callbacks.centerConfirm.pack({ answer: "no" })),
  });
  if ((await choose(conversation, ctx, callbacks.centerConfirm)).answer === "no")
    return void (await ctx.reply(ctx.t("location.cancelled")));
  if (!(await stillStaff(conversation, ctx, commune.code))) return;
  await conversation.external(async (c) => {
    await c.services.store.centerUpdates.set(commune.code, { ...change, updatedBy: c.from?.id ?? 0 });
    c.services.catalog.applyCenterChange(commune.code, change);
    await audit(c, "center.update", commune.code, { ...change });
  });
  await ctx.reply(ctx.t("location.saved"), {
    reply_markup: new InlineKeyboard().text(
      ctx.t("location.announce"),
      callbacks.announceMove.pack({ code: commune.code }),
    ),
  });
}

/** Text typed by staff, or undefined for "-" (keep); one too long is asked for again. */
async function askText(
  conversation: LocationConversation,
  ctx: ConversationContext,
  key: string,
): Promise<string | undefined> {
  await ctx.reply(ctx.t(key));
  return askUntil(conversation, ctx, (message) => {
    const text = message.text?.trim();
    if (text === undefined) return { ok: false };
    if (text.length <= FIELD_LIMIT) return { ok: true, value: text === KEEP || text === "" ? undefined : text };
    const sizes = { length: formatCount(text.length, ctx.locale), limit: formatCount(FIELD_LIMIT, ctx.locale) };
    return { ok: false, error: ctx.t("location.too_long", sizes) };
  });
}
