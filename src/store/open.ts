import type { BotStore } from "./bot-storage.ts";
import type { BrokenConversationHandler } from "./lowdb/conversations.ts";
import { openLowStore } from "./lowdb/index.ts";
import { openPgStore } from "./postgres/index.ts";

/**
 * The store the configuration asks for: PostgreSQL when DATABASE_URL is set (several instances
 * share it), else the embedded lowdb store in STATE_DIR. `onBrokenConversation` hears of a chat's
 * conversation file that lowdb could not read and set aside (PostgreSQL has none).
 */
export function openStore(config: {
  stateDir: string;
  databaseUrl?: string;
  onBrokenConversation?: BrokenConversationHandler;
}): Promise<BotStore> {
  return config.databaseUrl
    ? openPgStore(config.databaseUrl, config.stateDir)
    : openLowStore(config.stateDir, config.onBrokenConversation);
}
