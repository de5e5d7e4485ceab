import pg from "pg";
import type { AuditEntry } from "../../domain/audit/audit-entry.ts";
import type { LookupRecord } from "../../domain/dossiers/lookup-record.ts";
import type { UsageEvent } from "../../domain/stats/usage-event.ts";
import type { BotStore } from "../bot-storage.ts";
import { stateSecret } from "../state-secret.ts";
import { PgAppendLog } from "./append-log.ts";
import { PgBroadcastCoordination } from "./broadcast-coordination.ts";
import { PgCenterUpdateRepository } from "./center-updates.ts";
import { pgConversationStorage } from "./conversations.ts";
import { PgDossierRepository } from "./dossiers.ts";
import { PgLimiterStateStore } from "./lookup-limits.ts";
import { migrate } from "./migrations.ts";
import { PgDeliveryLog, PgNoticeRepository } from "./notices.ts";
import { PgPostedListRepository } from "./posted-lists.ts";
import { PgStaffRepository } from "./staff.ts";
import { PgUpdateLedger } from "./update-ledger.ts";
import { PgUserRepository } from "./users.ts";

/** Updates an instance handles at once across instances: each holds a connection for its chat's lock. */
const LOCK_CONNECTIONS = 20;

const INT8 = 20;
/** Telegram ids fit in a JavaScript number (they stay below 2^52): read bigint as number. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8 ? Number : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

/**
 * The shared store for several instances: every piece of state in PostgreSQL (DATABASE_URL).
 * Migrates the schema first, under a lock, so instances may start together. Only the pseudonym
 * key, when LOOKUP_HASH_SECRET is not set, stays a file in `stateDir`, as with the embedded store
 * (so moving state between stores keeps every pseudonym).
 */
export async function openPgStore(connectionString: string, stateDir: string): Promise<BotStore> {
  const pool = new pg.Pool({ connectionString, types });
  const locks = new pg.Pool({ connectionString, types, max: LOCK_CONNECTIONS });
  await migrate(pool);
  const dossiers = new PgDossierRepository(pool);
  return {
    users: new PgUserRepository(pool),
    staff: new PgStaffRepository(pool),
    notices: new PgNoticeRepository(pool),
    deliveries: new PgDeliveryLog(pool),
    centerUpdates: new PgCenterUpdateRepository(pool),
    postedLists: new PgPostedListRepository(pool),
    audit: new PgAppendLog<AuditEntry>(pool, "audit_log", "month"),
    dossiers,
    lookups: new PgAppendLog<LookupRecord>(pool, "lookup_log", "day"),
    lookupLimits: new PgLimiterStateStore(pool),
    conversations: pgConversationStorage(pool),
    events: new PgAppendLog<UsageEvent>(pool, "event_log", "day"),
    // PostgreSQL takes any number of writers: an import applies its reports at once, and no
    // instance holds the store for itself.
    submitReports: async (reports, now) => ({ outcomes: await dossiers.applyReports(reports, now), via: "applied" }),
    applyQueuedReports: async () => 0,
    pseudonymSecret: () => stateSecret(stateDir),
    claimWriter: async () => async () => undefined,
    updates: new PgUpdateLedger(locks),
    broadcasting: new PgBroadcastCoordination(locks),
    close: async () => {
      await Promise.all([pool.end(), locks.end()]);
    },
  };
}
