import { registerRoleMenu } from "../commands.ts";
import type { BotContext } from "../context.ts";
import { Feature } from "../feature.ts";
import { replyLong } from "../helpers/reply-long.ts";
import { audit, isAdmin } from "../helpers/roles.ts";
import { formatDate } from "../views/format.ts";

/**
 * Administrators (ADMIN_IDS) grant and revoke staff for a commune, and list them. A message
 * forwarded to the bot shows its sender's Telegram id, to grant without typing it.
 */
export const adminFeature = new Feature<BotContext>();
const privateChats = adminFeature.chatType("private");

privateChats.command("myid", (ctx) => ctx.reply(ctx.t("myid", { id: ctx.from.id })));

const admins = privateChats.filter(isAdmin);
const others = privateChats.filter((ctx) => !isAdmin(ctx));
others.command(["grant", "revoke", "staff"], (ctx) => ctx.reply(ctx.t("staff.admin_only")));

admins.command("grant", async (ctx) => {
  const target = parseTarget(ctx, ctx.match);
  if (!target)
    return void (await ctx.reply(
      ctx.t(target === null ? "staff.unknown_commune" : "staff.grant_usage", { code: ctx.match.split(/\s+/)[1] }),
    ));
  await ctx.services.store.staff.grant({
    userId: target.userId,
    communeCode: target.commune.code,
    grantedBy: ctx.from.id,
    grantedAt: new Date().toISOString(),
  });
  await audit(ctx, "staff.grant", target.commune.code, { userId: target.userId });
  await refreshMenu(ctx, target.userId);
  await ctx.reply(ctx.t("staff.granted", { user: target.userId, commune: target.commune.name }));
});

admins.command("revoke", async (ctx) => {
  const target = parseTarget(ctx, ctx.match);
  if (!target)
    return void (await ctx.reply(
      ctx.t(target === null ? "staff.unknown_commune" : "staff.revoke_usage", { code: ctx.match.split(/\s+/)[1] }),
    ));
  const removed = await ctx.services.store.staff.revoke(target.userId, target.commune.code);
  if (removed) {
    await audit(ctx, "staff.revoke", target.commune.code, { userId: target.userId });
    await refreshMenu(ctx, target.userId);
  }
  await ctx.reply(
    ctx.t(removed ? "staff.revoked" : "staff.not_staff", { user: target.userId, commune: target.commune.name }),
  );
});

admins.command("staff", async (ctx) => {
  const grants = await ctx.services.store.staff.list();
  const lines = grants.map((g) =>
    ctx.t("staff.list_item", {
      user: g.userId,
      commune: ctx.services.catalog.communes.get(g.communeCode)?.name ?? g.communeCode,
      date: formatDate(g.grantedAt, ctx.locale),
    }),
  );
  // A province's worth of staff does not fit in one message.
  await replyLong(
    ctx,
    [ctx.t("staff.list_title"), ...(lines.length > 0 ? lines : [ctx.t("staff.list_empty")])].join("\n"),
  );
});

admins.on("message:forward_origin", async (ctx) => {
  const origin = ctx.message.forward_origin;
  if (origin.type !== "user") return void (await ctx.reply(ctx.t("staff.forwarded_hidden")));
  await ctx.reply(ctx.t("staff.forwarded", { id: origin.sender_user.id, name: origin.sender_user.first_name }));
});

/** "<user id> <commune code>": undefined when malformed, null when the commune is unknown. */
function parseTarget(ctx: BotContext, text: string) {
  const match = /^\s*(\d{1,15})\s+(\d{5})\s*$/.exec(text);
  if (!match) return undefined;
  const commune = ctx.services.catalog.communes.get(match[2] ?? "");
  return commune ? { userId: Number(match[1]), commune } : null;
}

/** The person's command menu follows their role (staff commands appear or disappear). */
async function refreshMenu(ctx: BotContext, userId: number) {
  const staff = (await ctx.services.store.staff.communesOf(userId)).length > 0;
  await registerRoleMenu(ctx.api, ctx.services.i18n.translator, userId, {
    staff,
    admin: ctx.services.adminIds.includes(userId),
  }).catch((err: unknown) => ctx.logger.warn({ err }, "could not update the command menu"));
}
