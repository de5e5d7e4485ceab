import { existsSync } from "node:fs";
import { mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { ConversationStorage } from "../types.ts";
import { JsonDocument } from "./json-document.ts";

const conversationFile = z.strictObject({ state: z.unknown() });
type ConversationFile = z.infer<typeof conversationFile>;

/**
 * grammY conversation state, one small file per chat (STATE_DIR/conversations/<chat>.json), so
 * a restart does not drop a citizen in the middle of a checklist. One file per chat because it
 * is rewritten on every step: a step costs the same however many people are mid-dialogue. The
 * file goes when the conversation ends.
 */
export async function openConversationStorage(dir: string): Promise<ConversationStorage> {
  await mkdir(dir, { recursive: true });
  const open = new Map<string, JsonDocument<ConversationFile>>();
  const fileOf = (key: string) => join(dir, `${encodeURIComponent(key)}.json`);
  const document = async (key: string) => {
    let doc = open.get(key);
    if (!doc) {
      doc = await new JsonDocument<ConversationFile>(fileOf(key), conversationFile, { state: undefined }).open();
      open.set(key, doc);
    }
    return doc;
  };
  return {
    // Most updates come from chats with no dialogue going on: no file, nothing kept in memory.
    read: async (key) => (open.has(key) || existsSync(fileOf(key)) ? (await document(key)).data.state : undefined),
    write: async (key, value) => (await document(key)).update((data) => void (data.state = value)),
    delete: async (key) => {
      open.delete(key);
      await rm(fileOf(key), { force: true });
    },
    async *readAllKeys() {
      for (const name of await readdir(dir)) if (name.endsWith(".json")) yield decodeURIComponent(name.slice(0, -".json".length));
    },
  };
}
