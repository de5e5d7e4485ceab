import {
  type ConversationData,
  conversations,
  createConversation,
  type VersionedStateStorage,
} from "@grammyjs/conversations";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type BotConfig, type Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { AppServices } from "../app.ts";
import { asGrammyFetch, botApiFetch } from "./bot-api-fetch.ts";
import type { BroadcastRunner } from "./broadcast/runner.ts";
import type { BotContext, ConversationContext } from "./context.ts";
import { BROADCAST_CONVERSATION, broadcastConversation } from "./conversations/broadcast.ts";
import { centerLocationConversation, LOCATION_CONVERSATION } from "./conversations/center-location.ts";
import { COMMUNE_CONVERSATION, chooseCommuneConversation } from "./conversations/choose-commune.ts";
import {
  DOSSIER_CODE_CONVERSATION,
  DOSSIER_KEY_CONVERSATION,
  dossierCodeConversation,
  dossierKeyConversation,
} from "./conversations/dossier-key.ts";
import { UPLOAD_CONVERSATION, uploadConversation } from "./conversations/upload.ts";
import { errorBoundary } from "./error-boundary.ts";
import { adminFeature } from "./features/admin.ts";
import { centerFeature } from "./features/center.ts";
import { checklistFeature } from "./features/checklist.ts";
import { deepLinkFeature } from "./features/deep-link.ts";
import { dossierFeature } from "./features/dossier.ts";
import { exitsFeature } from "./features/exits.ts";
import { guideFeature } from "./features/guide.ts";
import { helpFeature } from "./features/help.ts";
import { inlineFeature } from "./features/inline.ts";
import { languageFeature } from "./features/language.ts";
import { noticesFeature } from "./features/notices.ts";
import { posterFeature } from "./features/poster.ts";
import { staffFeature } from "./features/staff.ts";
import { startFeature } from "./features/start.ts";
import { unhandledFeature } from "./features/unhandled.ts";
import { uploadFeature } from "./features/upload.ts";
import { apiDefaultsPlugin, installApiDefaults } from "./helpers/api-defaults.ts";
import { appContext } from "./middlewares/app-context.ts";
import { logUpdate } from "./middlewares/log-update.ts";
import { onceAcrossInstances } from "./middlewares/once-across-instances.ts";
import type { UpdateTracker } from "./middlewares/update-tracker.ts";
import { throughAnswer } from "./webhook-answer.ts";

export interface BotOptions {
  token: string;
  /** Where the Bot API lives: Telegram, or our local one in the terminal and in tests. */
  apiRoot: string;
  /** Longest wait for the Bot API's answer to a call before it is dropped and retried (grammY's default: 500 s). */
  timeoutSeconds?: number;
  /** Skips getMe at start (tests, terminal). */
  botInfo?: UserFromGetMe;
  /** Sends notices; made with createBroadcastRunner for the same token and API root. */
  broadcasts: BroadcastRunner;
  /** Counts updates in flight and handled (graceful stop, tests). */
  tracker: UpdateTracker;
  /** Webhook mode: each update's last message goes back in the webhook's answer (webhook-answer.ts). */
  answersInWebhook?: boolean;
}

/**
 * Version of the conversations' code: bump it when a conversation changes shape, so stored
 * replay logs of the old code are discarded instead of replayed wrongly.
 */
const CONVERSATIONS_VERSION = 4;

/** The store keeps conversation state as opaque JSON; the plugin knows its shape. */
const conversationStorage = (services: AppServices) =>
  services.store.conversations as VersionedStateStorage<string, ConversationData>;

/** Which updates must wait for each other: those of one chat (or one user, without a chat). */
const chatOf = (ctx: Context): string | undefined => {
  const id = ctx.chat?.id ?? ctx.from?.id;
  return id === undefined ? undefined : String(id);
};

/** Builds the bot. Read top to bottom, this is the order every update goes through. */
export function createBot(services: AppServices, options: BotOptions): Bot<BotContext> {
  // The timeout also reaches the Api objects of conversations, which copy these client options.
  const client = {
    apiRoot: options.apiRoot,
    fetch: asGrammyFetch(botApiFetch),
    ...(options.timeoutSeconds ? { timeoutSeconds: options.timeoutSeconds } : {}),
  };
  const config: BotConfig<BotContext> = { client };
  if (options.botInfo) config.botInfo = options.botInfo;
  const bot = new Bot<BotContext>(options.token, config);
  installApiDefaults(bot.api);
  // Errors outside the boundary (before the context is ready) are logged; polling goes on.
  bot.catch((error) =>
    services.logger.error({ err: error.error, update_id: error.ctx.update.update_id }, "update failed"),
  );

  // Webhook mode: the update's calls go through its webhook answer, inside conversations too.
  if (options.answersInWebhook) bot.use(throughAnswer);
  bot.use(options.tracker.middleware);
  // Updates are handled concurrently (a polled batch, webhook requests), but one chat's in order: its
  // profile and conversation are read and written by one update at a time.
  bot.use(sequentialize(chatOf));
  // Several instances: the same, across them (and an update sent again is answered once).
  if (services.store.updates) bot.use(onceAcrossInstances(services.store.updates, chatOf, services.logger));
  // Context: services, logger, profile, locale and translator for this update.
  bot.use(appContext(services, options.broadcasts));
  bot.use(logUpdate);
  const protectedBot = bot.errorBoundary(errorBoundary);

  // Middlewares
  protectedBot.use(
    conversations({ storage: { type: "key", version: CONVERSATIONS_VERSION, adapter: conversationStorage(services) } }),
  );
  protectedBot.use(exitsFeature);
  // Each dialogue gets the app context and API defaults inside it too: conversations replay with their own ctx.
  const inside = { plugins: [appContext(services, options.broadcasts), apiDefaultsPlugin] };
  const dialogues = [
    [chooseCommuneConversation, COMMUNE_CONVERSATION],
    [dossierKeyConversation, DOSSIER_KEY_CONVERSATION],
    [dossierCodeConversation, DOSSIER_CODE_CONVERSATION],
    [broadcastConversation, BROADCAST_CONVERSATION],
    [centerLocationConversation, LOCATION_CONVERSATION],
    [uploadConversation, UPLOAD_CONVERSATION],
  ] as const;
  for (const [dialogue, id] of dialogues)
    protectedBot.use(createConversation<BotContext, ConversationContext>(dialogue, { id, ...inside }));

  // Handlers
  // The dossier feature comes before guidance: a pasted code is a look-up, not a search. Deep links
  // come before /start's greeting, which they skip or fall back to.
  protectedBot.use(
    inlineFeature,
    adminFeature,
    staffFeature,
    uploadFeature,
    posterFeature,
    deepLinkFeature,
    startFeature,
    noticesFeature,
    languageFeature,
    helpFeature,
    centerFeature,
    dossierFeature,
    guideFeature,
    checklistFeature,
  );

  // Must stay last.
  protectedBot.use(unhandledFeature);
  return bot;
}
