import { join } from "node:path";
import type { AuditEntry } from "../../domain/audit/audit-entry.ts";
import type { LookupRecord } from "../../domain/dossiers/lookup-record.ts";
import type { UsageEvent } from "../../domain/stats/usage-event.ts";
import type { BotStore } from "../bot-storage.ts";
import { stateSecret } from "../state-secret.ts";
import { LowCenterUpdateRepository } from "./center-updates.ts";
import { type BrokenConversationHandler, openConversationStorage } from "./conversations.ts";
import { FileDeliveryLog } from "./deliveries.ts";
import { LowDossierRepository } from "./dossiers.ts";
import { drainDossierInbox, inboxSubmitter } from "./inbox.ts";
import { claimStateDir } from "./instance-lock.ts";
import { LowLimiterStateStore } from "./lookup-limits.ts";
import { NdjsonLog } from "./ndjson-log.ts";
import { LowNoticeRepository } from "./notices.ts";
import { LowPostedListRepository } from "./posted-lists.ts";
import { LowStaffRepository } from "./staff.ts";
import { makeStateDir } from "./state-files.ts";
import { LowUserRepository } from "./users.ts";

/** The embedded default store: JSON files and JSON Lines in `stateDir`. */
export async function openLowStore(
  stateDir: string,
  onBrokenConversation?: BrokenConversationHandler,
): Promise<BotStore> {
  await makeStateDir(stateDir);
  const audit = await NdjsonLog.open<AuditEntry>(join(stateDir, "audit"), "month");
  const lookups = await NdjsonLog.open<LookupRecord>(join(stateDir, "lookups"), "day");
  const events = await NdjsonLog.open<UsageEvent>(join(stateDir, "events"), "day");
  const dossiers = await LowDossierRepository.open(stateDir);
  return {
    users: await LowUserRepository.open(join(stateDir, "users.json")),
    staff: await LowStaffRepository.open(join(stateDir, "staff.json")),
    notices: await LowNoticeRepository.open(join(stateDir, "notices.json")),
    deliveries: await FileDeliveryLog.open(join(stateDir, "broadcasts")),
    centerUpdates: await LowCenterUpdateRepository.open(join(stateDir, "center-updates.json")),
    postedLists: await LowPostedListRepository.open(join(stateDir, "posted-lists")),
    audit,
    dossiers,
    lookups,
    lookupLimits: await LowLimiterStateStore.open(join(stateDir, "lookup-limits.json")),
    conversations: await openConversationStorage(join(stateDir, "conversations"), onBrokenConversation),
    events,
    submitReports: inboxSubmitter(stateDir, dossiers),
    applyQueuedReports: (now) => drainDossierInbox(stateDir, dossiers, now),
    pseudonymSecret: () => stateSecret(stateDir),
    // lowdb allows one writer per file: one bot per state folder.
    claimWriter: () => claimStateDir(stateDir),
    // Every change is written before its promise resolves: only the open logs need closing.
    close: async () => {
      await Promise.all([audit.close(), lookups.close(), events.close()]);
    },
  };
}
