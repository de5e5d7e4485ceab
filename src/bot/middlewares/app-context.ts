import type { Context, NextFunction } from "grammy";
import type { AppServices } from "../../app.ts";
import { localeFromTelegram } from "../../i18n/index.ts";
import type { BroadcastRunner } from "../broadcast/runner.ts";
import type { AppFlavor } from "../context.ts";

/**
 * Puts the services, a logger tagged with the update id, the sender's profile, their locale
 * and a translator fixed to it on the context. Installed outside and inside conversations.
 */
export function appContext(services: AppServices, broadcasts: BroadcastRunner) {
  return async (ctx: Context & AppFlavor, next: NextFunction) => {
    ctx.services = services;
    ctx.broadcasts = broadcasts;
    ctx.logger = services.logger.child({ update_id: ctx.update.update_id });
    ctx.profile = (ctx.from && (await services.store.users.get(ctx.from.id))) ?? {};
    ctx.locale = ctx.profile.locale ?? localeFromTelegram(ctx.from?.language_code, services.defaultLocale);
    ctx.t = services.i18n.translator(ctx.locale);
    await next();
  };
}
