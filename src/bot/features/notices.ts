import { InlineKeyboard } from "grammy";
import type { Commune } from "../../domain/communes/types.ts";
import type { TFunction } from "../../i18n/index.ts";
import type { BotContext } from "../context.ts";
import { Feature } from "../feature.ts";
import { replyLong } from "../helpers/reply-long.ts";
import { callbacks } from "../keyboards/callback-data.ts";
import { formatDate } from "../views/format.ts";

/** Latest notices shown by /notices. */
const LATEST = 5;

/** Residents choose whether to receive their commune's notices, and read the latest ones. */
export const noticesFeature = new Feature<BotContext>();
const privateChats = noticesFeature.chatType("private");

/** Asked right after a commune is chosen. */
export function noticesQuestion(t: TFunction, commune: Commune) {
  return {
    text: t("notices.ask", { commune: commune.name }),
    keyboard: new InlineKeyboard()
      .text(t("notices.yes"), callbacks.notices.pack({ on: true }))
      .text(t("notices.no"), callbacks.notices.pack({ on: false })),
  };
}

privateChats.callbackQuery(callbacks.notices.filter, async (ctx) => {
  const { on } = callbacks.notices.read(ctx.callbackQuery.data);
  await ctx.services.store.users.update(ctx.from.id, { notices: on, inactive: false });
  const commune = ctx.services.catalog.communes.get(ctx.profile.communeCode ?? "");
  await ctx.answerCallbackQuery();
  await ctx.reply(on ? ctx.t("notices.on", { commune: commune?.name ?? "" }) : ctx.t("notices.off"));
});

privateChats.command("notices", async (ctx) => {
  const commune = ctx.services.catalog.communes.get(ctx.profile.communeCode ?? "");
  if (!commune) return void (await ctx.reply(ctx.t("commune.need_commune")));
  const notices = await ctx.services.store.notices.latest(commune.code, LATEST);
  const on = ctx.profile.notices === true;
  const lines = [
    ctx.t("notices.latest", { commune: commune.name }),
    ...(notices.length > 0
      ? notices.map((n) => ctx.t("notices.item", { date: formatDate(n.createdAt, ctx.locale), text: n.text }))
      : [ctx.t("notices.none")]),
    "",
    ctx.t(on ? "notices.state_on" : "notices.state_off"),
  ];
  // Five notices of up to a message each: as many messages as Telegram's limit needs.
  await replyLong(
    ctx,
    lines.join("\n"),
    new InlineKeyboard().text(ctx.t(on ? "notices.turn_off" : "notices.turn_on"), callbacks.notices.pack({ on: !on })),
  );
});
