import { Composer, InlineKeyboard, InputFile } from "grammy";
import { communePosters } from "../../poster/commune-posters.ts";
import type { BotContext } from "../context.ts";
import { deepLinkUrl } from "../deep-link.ts";
import { audit, staffCommunes } from "../helpers/roles.ts";

/**
 * /poster: staff get their center's QR poster, a picture for chat groups and an A4 file to print.
 * The QR code opens the bot on their commune, counted as a poster arrival in /stats.
 */
export const posterFeature = new Composer<BotContext>();
const privateChats = posterFeature.chatType("private");

const POSTER_BUTTON = /^pp:(\d{5})$/;

privateChats.command("poster", async (ctx) => {
  const communes = await staffCommunes(ctx);
  if (communes.length === 0) return void (await ctx.reply(ctx.t("staff.refused")));
  if (communes.length === 1) return void (await replyPosters(ctx, communes[0] as string));
  const keyboard = new InlineKeyboard();
  for (const code of communes) keyboard.text(ctx.services.catalog.communes.get(code)?.name ?? code, `pp:${code}`).row();
  await ctx.reply(ctx.t("poster.choose_commune"), { reply_markup: keyboard });
});

privateChats.callbackQuery(POSTER_BUTTON, async (ctx) => {
  const code = ctx.match[1] ?? "";
  if (!(await staffCommunes(ctx)).includes(code)) return void (await ctx.answerCallbackQuery({ text: ctx.t("staff.refused") }));
  await ctx.answerCallbackQuery();
  await replyPosters(ctx, code);
});

async function replyPosters(ctx: BotContext, communeCode: string) {
  const commune = ctx.services.catalog.communes.get(communeCode);
  if (!commune) return void (await ctx.reply(ctx.t("common.outdated_button")));
  const url = deepLinkUrl(ctx.me.username, { communeCode, source: "qr" });
  const posters = await communePosters(commune, url, ctx.services.i18n.translator("vi"));
  await audit(ctx, "poster.make", communeCode);
  await ctx.replyWithPhoto(new InputFile(posters.chat, `poster-${communeCode}.png`), { caption: ctx.t("poster.caption", { commune: commune.name }) });
  await ctx.replyWithDocument(new InputFile(posters.print, `poster-${communeCode}-a4.png`));
  if (!commune.center?.verified) await ctx.reply(ctx.t("poster.unverified"));
}
