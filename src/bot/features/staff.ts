import { InputFile } from "grammy";
import { PALETTE, renderDailyBars } from "../../charts/daily-bars.ts";
import { plain } from "../../i18n/plain.ts";
import { loadCenterStats } from "../../store/center-stats.ts";
import type { BotContext } from "../context.ts";
import { BROADCAST_CONVERSATION, type BroadcastPrefill } from "../conversations/broadcast.ts";
import { LOCATION_CONVERSATION } from "../conversations/center-location.ts";
import { Feature } from "../feature.ts";
import { replyLong } from "../helpers/reply-long.ts";
import { audit, servesCommune, staffCommunes } from "../helpers/roles.ts";
import { staffCommuneCommand } from "../helpers/staff-command.ts";
import { staffOnly } from "../helpers/staff-only.ts";
import { callbacks } from "../keyboards/callback-data.ts";
import { formatDayMonth } from "../views/format.ts";
import { postedListMessage } from "../views/posted-list.ts";
import { statsMessage } from "../views/stats.ts";

/** Staff commands, for their own communes only; everyone else gets a polite refusal. */
export const staffFeature = new Feature<BotContext>();
const privateChats = staffFeature.chatType("private");
const staff = staffOnly(staffFeature, ["broadcast", "location", "posted"]);

staff.command("broadcast", (ctx) => ctx.conversation.enter(BROADCAST_CONVERSATION));
staff.command("location", (ctx) => ctx.conversation.enter(LOCATION_CONVERSATION));

/** "Tell the residents" after a center update: a prefilled notice of the move. */
privateChats.callbackQuery(callbacks.announceMove.filter, async (ctx) => {
  const commune = ctx.services.catalog.communes.get(callbacks.announceMove.read(ctx.callbackQuery.data).code);
  if (!commune?.center || !(await servesCommune(ctx, commune.code))) {
    return void (await ctx.answerCallbackQuery({ text: ctx.t("staff.refused") }));
  }
  await ctx.answerCallbackQuery();
  // The notice's text as staff would type it: the notice escapes it when it is sent.
  const t = plain(ctx.t);
  const hours = commune.center.hours ? t("location.moved_hours", { hours: commune.center.hours[ctx.locale] }) : "";
  const text = t("location.moved_notice", { commune: commune.name, address: commune.center.address, hours });
  const prefill: BroadcastPrefill = {
    communeCode: commune.code,
    text,
    ...(commune.center.location ? { location: commune.center.location } : {}),
  };
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(BROADCAST_CONVERSATION, prefill);
});

/** "Stop sending" under a broadcast's progress message. */
privateChats.callbackQuery(callbacks.broadcastStop.filter, async (ctx) => {
  const notice = await ctx.services.store.notices.get(callbacks.broadcastStop.read(ctx.callbackQuery.data).notice);
  const mine = notice && (await servesCommune(ctx, notice.communeCode));
  if (!notice || !mine) return void (await ctx.answerCallbackQuery({ text: ctx.t("staff.refused") }));
  ctx.broadcasts.cancel(notice.id);
  await audit(ctx, "broadcast.cancel", notice.communeCode, { noticeId: notice.id });
  await ctx.answerCallbackQuery({ text: ctx.t("broadcast.stop_requested") });
});

staffCommuneCommand(staffFeature, "stats", callbacks.statsCommune, "stats.choose_commune", replyStats);

/** The center's posted list and which of its procedures the catalog still lacks (one message per commune). */
staff.command("posted", async (ctx) => {
  for (const code of await staffCommunes(ctx)) await ctx.reply(postedListMessage(ctx.services.catalog, code, ctx.t));
});

/** The chart first (staff would rather look than read), then the figures as text. */
async function replyStats(ctx: BotContext, communeCode: string) {
  const { store, catalog } = ctx.services;
  const stats = await loadCenterStats(store, communeCode, new Date(), ctx.services.dossierLookup.format.pattern);
  await audit(ctx, "stats.view", communeCode);
  const days = stats.last30.perDay;
  const chart = renderDailyBars({
    days: days.map((d) => formatDayMonth(d.date)),
    series: [
      { values: days.map((d) => d.searches), color: PALETTE[0] },
      { values: days.map((d) => d.lookups), color: PALETTE[1] },
    ],
  });
  await ctx.replyWithPhoto(new InputFile(chart, "stats.png"), { caption: ctx.t("stats.chart_caption") });
  const communeName = catalog.communes.get(communeCode)?.name ?? communeCode;
  // Thirty questions of up to 100 characters and long procedure names can outgrow one message.
  await replyLong(ctx, statsMessage(stats, { t: ctx.t, locale: ctx.locale, catalog, communeName }));
}
