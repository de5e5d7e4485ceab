import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard } from "grammy";
import type { Commune } from "../../domain/communes/types.ts";
import type { Notice } from "../../domain/notices/notice.ts";
import type { BotContext, ConversationContext } from "../context.ts";
import { audit } from "../helpers/roles.ts";
import { callbacks, OLD_UNITS_DONE } from "../keyboards/callback-data.ts";
import { formatCount } from "../views/format.ts";
import { noticeLimit, noticeText } from "../views/notice.ts";
import { sendForResult } from "../webhook-answer.ts";
import { askPin, askUntil, choose, dialogueStaffCommunes, pickCommune, stillStaff } from "./steps.ts";

export const BROADCAST_CONVERSATION = "broadcast";

type BroadcastConversation = Conversation<BotContext, ConversationContext>;
type Draft = Pick<Notice, "communeCode" | "text" | "photo" | "location" | "oldUnitCodes">;

/** A notice written for the staff member (e.g. "the center has moved to ..."), to adjust the audience of and send. */
export type BroadcastPrefill = Pick<Notice, "communeCode" | "text" | "location">;

/**
 * Staff write a notice step by step: the commune (if they serve several), the text or a photo
 * with a caption, an optional map pin, the audience (the whole commune or residents of chosen
 * old communes), then a preview exactly as residents will see it, and confirm or cancel.
 */
export async function broadcastConversation(
  conversation: BroadcastConversation,
  ctx: ConversationContext,
  prefill?: BroadcastPrefill,
) {
  const communes = await dialogueStaffCommunes(conversation);
  if (communes.length === 0 || (prefill && !communes.includes(prefill.communeCode)))
    return void (await ctx.reply(ctx.t("staff.refused")));
  const code = prefill?.communeCode ?? (await pickCommune(conversation, ctx, communes, "broadcast.choose_commune"));
  const commune = ctx.services.catalog.communes.get(code);
  if (!commune) return;
  const draft: Draft = prefill
    ? { ...prefill }
    : { communeCode: commune.code, ...(await askContent(conversation, ctx)) };
  const pin = prefill ? undefined : await askForPin(conversation, ctx);
  if (pin) draft.location = pin;
  const oldUnitCodes = await askAudience(conversation, ctx, commune);
  if (oldUnitCodes) draft.oldUnitCodes = oldUnitCodes;
  const count = await conversation.external(
    async (c) => (await c.services.store.users.noticeAudience(commune.code, draft.oldUnitCodes)).length,
  );
  await preview(ctx, draft, commune, count);
  const { answer } = await choose(conversation, ctx, callbacks.broadcastConfirm);
  if (answer !== "yes" || count === 0)
    return void (await ctx.reply(ctx.t(count === 0 ? "broadcast.nobody" : "broadcast.cancelled")));
  if (!(await stillStaff(conversation, ctx, commune.code))) return;
  // Its message_id is needed to edit it: sent at once rather than in a webhook's answer.
  const progress = await sendForResult(ctx.api, () =>
    ctx.reply(ctx.t("broadcast.progress", { done: 0, total: count, sent: 0, blocked: 0, failed: 0 })),
  );
  await conversation.external((c) => startBroadcast(c, draft, progress.message_id));
}

async function askContent(
  conversation: BroadcastConversation,
  ctx: ConversationContext,
): Promise<Pick<Draft, "text" | "photo">> {
  await ctx.reply(ctx.t("broadcast.ask_text"));
  return askUntil(conversation, ctx, (message) => {
    const photo = message.photo?.at(-1)?.file_id;
    const text = message.text ?? message.caption;
    const limit = noticeLimit(photo !== undefined);
    if (!text || text.startsWith("/")) return { ok: false, error: ctx.t("broadcast.need_text") };
    if (text.length <= limit) return { ok: true, value: { text, ...(photo ? { photo } : {}) } };
    // Refused here, where it can be shortened: at the preview Telegram would refuse it and the draft be lost.
    const sizes = { length: formatCount(text.length, ctx.locale), limit: formatCount(limit, ctx.locale) };
    return { ok: false, error: ctx.t("broadcast.too_long", sizes) };
  });
}

async function askForPin(conversation: BroadcastConversation, ctx: ConversationContext) {
  const keyboard = new InlineKeyboard()
    .text(ctx.t("broadcast.add_pin"), callbacks.broadcastPin.pack({ choice: "add" }))
    .text(ctx.t("broadcast.no_pin"), callbacks.broadcastPin.pack({ choice: "skip" }));
  await ctx.reply(ctx.t("broadcast.ask_pin"), { reply_markup: keyboard });
  if ((await choose(conversation, ctx, callbacks.broadcastPin)).choice === "skip") return undefined;
  return askPin(conversation, ctx, { ask: "broadcast.send_pin", again: "broadcast.send_pin" });
}

/** The old units chosen, or undefined for the whole commune. */
async function askAudience(conversation: BroadcastConversation, ctx: ConversationContext, commune: Commune) {
  const keyboard = new InlineKeyboard()
    .text(ctx.t("broadcast.whole"), callbacks.broadcastAudience.pack({ choice: "all" }))
    .row()
    .text(ctx.t("broadcast.old_units"), callbacks.broadcastAudience.pack({ choice: "old" }));
  await ctx.reply(ctx.t("broadcast.ask_audience"), { reply_markup: keyboard });
  if ((await choose(conversation, ctx, callbacks.broadcastAudience)).choice === "all") return undefined;
  const picked = new Set<string>();
  const buttons = () => {
    const k = new InlineKeyboard();
    for (const u of commune.formedFrom)
      k.text(`${picked.has(u.code) ? "✓ " : ""}${u.name}`, callbacks.broadcastOldUnit.pack({ unit: u.code })).row();
    return k.text(ctx.t("broadcast.done_picking"), callbacks.broadcastOldUnit.pack({ unit: OLD_UNITS_DONE }));
  };
  const menu = await sendForResult(ctx.api, () => ctx.reply(ctx.t("broadcast.pick_old"), { reply_markup: buttons() }));
  const among = [...commune.formedFrom.map((u) => ({ unit: u.code })), { unit: OLD_UNITS_DONE }];
  // Each tap changes the ticks: a menu the staff member works until "done", not a question asked again.
  for (;;) {
    const { unit: code } = await choose(conversation, ctx, callbacks.broadcastOldUnit, among);
    if (code === OLD_UNITS_DONE) {
      if (picked.size > 0) return [...picked];
      await ctx.reply(ctx.t("broadcast.pick_some"));
      continue;
    }
    if (picked.has(code)) picked.delete(code);
    else picked.add(code);
    await ctx.api.editMessageReplyMarkup(menu.chat.id, menu.message_id, { reply_markup: buttons() });
  }
}

async function preview(ctx: ConversationContext, draft: Draft, commune: Commune, count: number) {
  await ctx.reply(ctx.t("broadcast.preview_title"));
  if (draft.photo) await ctx.replyWithPhoto(draft.photo, { caption: noticeText(draft, commune, ctx.t, true) });
  else await ctx.reply(noticeText(draft, commune, ctx.t, false));
  if (draft.location) await ctx.replyWithLocation(draft.location.lat, draft.location.lon);
  const names = commune.formedFrom
    .filter((u) => draft.oldUnitCodes?.includes(u.code))
    .map((u) => u.name)
    .join(", ");
  const summary = draft.oldUnitCodes
    ? ctx.t("broadcast.summary_old", { count, names })
    : ctx.t("broadcast.summary", { count });
  await ctx.reply(summary, {
    reply_markup: new InlineKeyboard()
      .text(ctx.t("broadcast.confirm"), callbacks.broadcastConfirm.pack({ answer: "yes" }))
      .text(ctx.t("broadcast.cancel"), callbacks.broadcastConfirm.pack({ answer: "no" })),
  });
}

/** Creates the notice, fixes its recipients, audits it and hands it to the runner. */
async function startBroadcast(ctx: ConversationContext, draft: Draft, progressMessageId: number) {
  const { store } = ctx.services;
  const notice: Notice = {
    ...draft,
    id: `n${Date.now().toString(36)}`,
    createdBy: ctx.from?.id ?? 0,
    createdAt: new Date().toISOString(),
    status: "sending",
  };
  await store.deliveries.setRecipients(
    notice.id,
    await store.users.noticeAudience(notice.communeCode, notice.oldUnitCodes),
  );
  await store.notices.add(notice);
  await audit(ctx, "broadcast.send", notice.communeCode, {
    noticeId: notice.id,
    oldUnitCodes: notice.oldUnitCodes ?? null,
  });
  const chatId = ctx.chat?.id ?? 0;
  const stop = new InlineKeyboard().text(
    ctx.t("broadcast.stop_button"),
    callbacks.broadcastStop.pack({ notice: notice.id }),
  );
  void ctx.broadcasts.run(notice, async (p) => {
    const key = p.cancelled ? "broadcast.stopped" : p.done ? "broadcast.finished" : "broadcast.progress";
    const text = ctx.t(key, { ...p, done: p.sent + p.blocked + p.failed });
    await ctx.broadcasts.api.editMessageText(chatId, progressMessageId, text, p.done ? {} : { reply_markup: stop });
  });
}
