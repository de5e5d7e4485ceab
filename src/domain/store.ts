import type { AppendLog } from "./append-log.ts";
import type { AuditLog } from "./audit/audit-entry.ts";
import type { PostedListRepository } from "./catalog/posted-list-repository.ts";
import type { CenterUpdateRepository } from "./communes/center-update.ts";
import type { LimiterStateStore } from "./dossiers/limiter.ts";
import type { LookupLog } from "./dossiers/lookup-record.ts";
import type { DossierRepository } from "./dossiers/repository.ts";
import type { SubmitReports } from "./dossiers/submit.ts";
import type { DeliveryLog } from "./notices/delivery.ts";
import type { NoticeRepository } from "./notices/repository.ts";
import type { StaffRepository } from "./staff/repository.ts";
import type { UsageEvent } from "./stats/usage-event.ts";
import type { UserRepository } from "./users/repository.ts";

/**
 * What the domain keeps between messages. store/ implements it twice: the embedded lowdb store
 * (one process, files in STATE_DIR) and PostgreSQL (several instances share it).
 */
export interface Store {
  users: UserRepository;
  staff: StaffRepository;
  notices: NoticeRepository;
  deliveries: DeliveryLog;
  centerUpdates: CenterUpdateRepository;
  postedLists: PostedListRepository;
  audit: AuditLog;
  dossiers: DossierRepository;
  lookups: LookupLog;
  /** The dossier look-up limiter's counts (short-lived: not moved between stores). */
  lookupLimits: LimiterStateStore;
  events: AppendLog<UsageEvent>;
  /**
   * How another process (a command-line import) hands dossier reports over: applied at once
   * where the store takes several writers, else queued for the bot that writes it.
   */
  submitReports: SubmitReports;
  /** Applies what other processes queued (oldest first); returns how many batches were applied. */
  applyQueuedReports(now: Date): Promise<number>;
  /** The key pseudonyms are made with when LOOKUP_HASH_SECRET is not set: generated once, then kept. */
  pseudonymSecret(): Promise<string>;
  /**
   * Marks this process as the store's writer, for a store that allows one (lowdb: one bot per
   * STATE_DIR); the returned function lets go. A store shared by instances allows any number.
   */
  claimWriter(): Promise<() => Promise<void>>;
  /** Writes whatever is pending and releases files and connections. */
  close(): Promise<void>;
}
