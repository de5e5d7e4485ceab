import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Store } from "../types.ts";
import { openConversationStorage } from "./conversations.ts";
import { LowDossierRepository } from "./dossiers.ts";
import { NdjsonEventLog } from "./event-log.ts";
import { NdjsonLookupLog } from "./lookup-log.ts";
import { LowUserRepository } from "./users.ts";

/** The embedded default store: JSON files and JSON Lines in `stateDir`. */
export async function openLowStore(stateDir: string): Promise<Store> {
  await mkdir(stateDir, { recursive: true });
  return {
    users: await LowUserRepository.open(join(stateDir, "users.json")),
    dossiers: await LowDossierRepository.open(join(stateDir, "dossiers.json")),
    lookups: await NdjsonLookupLog.open(join(stateDir, "lookups")),
    conversations: await openConversationStorage(join(stateDir, "conversations.json")),
    events: await NdjsonEventLog.open(join(stateDir, "events")),
    // Every change is written before its promise resolves: nothing is pending at close.
    close: async () => {},
  };
}
