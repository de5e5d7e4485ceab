import type { ConversationFlavor } from "@grammyjs/conversations";
import type { Context } from "grammy";
import type { AppServices } from "../app.ts";
import type { Locale } from "../domain/locale.ts";
import type { UserProfile } from "../domain/users/user-profile.ts";
import type { TFunction } from "../i18n/index.ts";
import type { Logger } from "../logger.ts";
import type { BroadcastRunner } from "./broadcast/runner.ts";

/** What our own middleware puts on every context, outside and inside conversations. */
export interface AppFlavor {
  services: AppServices;
  logger: Logger;
  locale: Locale;
  t: TFunction;
  /** The sender's stored profile ({} for someone new). */
  profile: UserProfile;
  /** Sends notices within Telegram's limits. */
  broadcasts: BroadcastRunner;
}

/** The context of ordinary handlers. */
export type BotContext = ConversationFlavor<Context & AppFlavor>;

/** The context inside a conversation: plain Context plus the plugins installed in it. */
export type ConversationContext = Context & AppFlavor;
