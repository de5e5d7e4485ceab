import { InputFile } from "grammy";
import { communePosters } from "../../poster/commune-posters.ts";
import type { BotContext } from "../context.ts";
import { deepLinkUrl } from "../deep-link.ts";
import { Feature } from "../feature.ts";
import { audit } from "../helpers/roles.ts";
import { staffCommuneCommand } from "../helpers/staff-command.ts";
import { callbacks } from "../keyboards/callback-data.ts";

/**
 * /poster: staff get their center's QR poster, a picture for chat groups and an A4 file to print.
 * The QR code opens the bot on their commune, counted as a poster arrival in /stats.
 */
export const posterFeature = new Feature<BotContext>();
staffCommuneCommand(posterFeature, "poster", callbacks.posterCommune, "poster.choose_commune", replyPosters);

async function replyPosters(ctx: BotContext, communeCode: string) {
  const commune = ctx.services.catalog.communes.get(communeCode);
  if (!commune) return void (await ctx.reply(ctx.t("common.outdated_button")));
  const url = deepLinkUrl(ctx.me.username, { communeCode, source: "qr" });
  const posters = await communePosters(commune, url, ctx.services.i18n.translator("vi"));
  await audit(ctx, "poster.make", communeCode);
  await ctx.replyWithPhoto(new InputFile(posters.chat, `poster-${communeCode}.png`), {
    caption: ctx.t("poster.caption", { commune: commune.name }),
  });
  await ctx.replyWithDocument(new InputFile(posters.print, `poster-${communeCode}-a4.png`));
  if (!commune.center?.verified) await ctx.reply(ctx.t("poster.unverified"));
}
