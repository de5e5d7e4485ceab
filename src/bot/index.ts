import { conversations, createConversation } from "@grammyjs/conversations";
import { Bot, type BotConfig } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { AppServices } from "../app.ts";
import type { BotContext, ConversationContext } from "./context.ts";
import { CHECKLIST_CONVERSATION, checklistConversation } from "./conversations/checklist.ts";
import { COMMUNE_CONVERSATION, chooseCommuneConversation } from "./conversations/choose-commune.ts";
import { errorBoundary } from "./error-boundary.ts";
import { centerFeature } from "./features/center.ts";
import { exitsFeature } from "./features/exits.ts";
import { guideFeature } from "./features/guide.ts";
import { helpFeature } from "./features/help.ts";
import { languageFeature } from "./features/language.ts";
import { startFeature } from "./features/start.ts";
import { unhandledFeature } from "./features/unhandled.ts";
import { apiDefaultsPlugin, installApiDefaults } from "./helpers/api-defaults.ts";
import { appContext } from "./middlewares/app-context.ts";

export interface BotOptions {
  token: string;
  /** Where the Bot API lives: Telegram, or our local one in the terminal and in tests. */
  apiRoot: string;
  /** Skips getMe at start (tests, terminal). */
  botInfo?: UserFromGetMe;
}

/** Builds the bot. Read top to bottom, this is the order every update goes through. */
export function createBot(services: AppServices, options: BotOptions): Bot<BotContext> {
  const config: BotConfig<BotContext> = { client: { apiRoot: options.apiRoot } };
  if (options.botInfo) config.botInfo = options.botInfo;
  const bot = new Bot<BotContext>(options.token, config);
  installApiDefaults(bot.api);

  // Context: services, logger, profile, locale and translator for this update.
  bot.use(appContext(services));
  const protectedBot = bot.errorBoundary(errorBoundary);

  // Middlewares
  protectedBot.use(conversations({ storage: { type: "key", version: 1, adapter: services.store.conversations as never } }));
  protectedBot.use(exitsFeature);
  const inside = { plugins: [appContext(services), apiDefaultsPlugin] };
  protectedBot.use(createConversation<BotContext, ConversationContext>(chooseCommuneConversation, { id: COMMUNE_CONVERSATION, ...inside }));
  protectedBot.use(createConversation<BotContext, ConversationContext>(checklistConversation, { id: CHECKLIST_CONVERSATION, ...inside }));

  // Handlers
  protectedBot.use(startFeature, languageFeature, helpFeature, centerFeature, guideFeature);

  // Must stay last.
  protectedBot.use(unhandledFeature);
  return bot;
}
