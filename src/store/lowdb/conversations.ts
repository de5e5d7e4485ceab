import { readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { ConversationStorage } from "../bot-storage.ts";
import { StateFileError } from "../errors.ts";
import { JsonDocument } from "./json-document.ts";
import { makeStateDir } from "./state-files.ts";

const conversationFile = z.strictObject({ state: z.unknown() });
type ConversationFile = z.infer<typeof conversationFile>;

/** Told of a conversation file that could not be read (it is set aside and the chat starts afresh). */
export type BrokenConversationHandler = (key: string, error: StateFileError) => void;

/**
 * grammY conversation state, one small file per chat (STATE_DIR/conversations/<chat>.json), so
 * a restart does not drop a citizen in the middle of a checklist. One file per chat because it
 * is rewritten on every step: a step costs the same however many people are mid-dialogue. The
 * file goes when the conversation ends. A broken file (a disk that filled up, a hand edit) costs
 * that chat its dialogue, never the chat itself: see `load`.
 */
export async function openConversationStorage(
  dir: string,
  onBroken: BrokenConversationHandler = () => undefined,
): Promise<ConversationStorage> {
  await makeStateDir(dir);
  const open = new Map<string, JsonDocument<ConversationFile>>();
  // The chats with a file, listed once: this bot is the folder's one writer (the instance lock),
  // so every update no longer asks the disk whether its chat has one.
  const saved = new Set(await readKeys(dir));
  const fileOf = (key: string) => join(dir, `${encodeURIComponent(key)}.json`);
  const document = async (key: string) => {
    let doc = open.get(key);
    if (!doc) {
      doc = await load(fileOf(key), (error) => onBroken(key, error));
      open.set(key, doc);
    }
    return doc;
  };
  return {
    // Most updates come from chats with no dialogue going on: no file, nothing kept in memory.
    read: async (key) => (saved.has(key) ? (await document(key)).data.state : undefined),
    write: async (key, value) => {
      await (await document(key)).update((data) => {
        data.state = value;
      });
      saved.add(key);
    },
    delete: async (key) => {
      open.delete(key);
      saved.delete(key);
      await rm(fileOf(key), { force: true });
    },
    async *readAllKeys() {
      yield* await readKeys(dir);
    },
  };
}

/** The chats that have a file in `dir`. */
async function readKeys(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith(".json"));
  return names.map((name) => decodeURIComponent(name.slice(0, -".json".length)));
}

/**
 * One chat's file. A broken one is moved aside as <file>.broken, replacing an earlier copy (one
 * per message would fill the disk), and the chat starts afresh: refusing it would answer every
 * message of that chat, /cancel included, with an apology for good.
 */
async function load(file: string, onBroken: (error: StateFileError) => void): Promise<JsonDocument<ConversationFile>> {
  const fresh = () => new JsonDocument<ConversationFile>(file, conversationFile, { state: undefined });
  try {
    return await fresh().load();
  } catch (error) {
    if (!(error instanceof StateFileError)) throw error;
    await rename(file, `${file}.broken`);
    onBroken(error);
    return fresh();
  }
}
