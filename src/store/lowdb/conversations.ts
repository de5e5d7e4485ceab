import type { StorageAdapter } from "grammy";
import { z } from "zod";
import { JsonDocument } from "./json-document.ts";

const conversationsFile = z.record(z.string(), z.unknown());
type ConversationsFile = z.infer<typeof conversationsFile>;

/**
 * grammY conversation state in STATE_DIR/conversations.json, so a restart does not drop a
 * citizen in the middle of a checklist. Kept apart from users.json because it is rewritten on
 * every step of an active conversation, and entries vanish when a conversation ends.
 */
export async function openConversationStorage(file: string): Promise<StorageAdapter<unknown>> {
  const doc = await new JsonDocument<ConversationsFile>(file, conversationsFile, {}).open();
  return {
    read: async (key) => doc.data[key],
    write: (key, value) => doc.update((data) => void (data[key] = value)),
    delete: (key) => doc.update((data) => void delete data[key]),
  };
}
