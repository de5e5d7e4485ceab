import type { AppendLog } from "./append-log.ts";
import type { AuditLog } from "./audit/audit-entry.ts";
import type { CenterUpdateRepository } from "./communes/center-update.ts";
import type { LimiterStateStore } from "./dossiers/limiter.ts";
import type { LookupLog } from "./dossiers/lookup-record.ts";
import type { DossierRepository } from "./dossiers/repository.ts";
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
  audit: AuditLog;
  dossiers: DossierRepository;
  lookups: LookupLog;
  /** The dossier look-up limiter's counts (short-lived: not moved between stores). */
  lookupLimits: LimiterStateStore;
  events: AppendLog<UsageEvent>;
  /** Writes whatever is pending and releases files and connections. */
  close(): Promise<void>;
}
