import type { BotContext } from "../context.ts";
import { Feature } from "../feature.ts";
import { callbacks } from "../keyboards/callback-data.ts";
import { centerMessage } from "../views/center.ts";

/** /center: the user's center as a venue pin, with address, hours, phone and old communes. */
export const centerFeature = new Feature<BotContext>();
const privateChats = centerFeature.chatType("private");

privateChats.command("center", (ctx) => replyCenter(ctx));
// "Ask the center" after a search that found nothing: the same answer, so the citizen can call or go.
privateChats.callbackQuery(callbacks.askCenter.filter, async (ctx) => {
  await ctx.answerCallbackQuery();
  await replyCenter(ctx);
});

async function replyCenter(ctx: BotContext) {
  const code = ctx.profile.communeCode;
  const commune = code ? ctx.services.catalog.communes.get(code) : undefined;
  if (!commune) {
    await ctx.reply(ctx.t("commune.need_commune"));
    return;
  }
  const location = commune.center?.location;
  if (commune.center && location) {
    await ctx.replyWithVenue(location.lat, location.lon, commune.center.name[ctx.locale], commune.center.address);
  }
  await ctx.reply(centerMessage(commune, ctx.t, ctx.locale, ctx.services.catalog.provinceWideCodes(commune.code).size));
}
