/**
 * What the bot keeps between messages, behind small interfaces: the embedded lowdb store
 * implements them today, a PostgreSQL store can implement them for several instances.
 */
import type { StorageAdapter } from "grammy";
import type { Dossier } from "../domain/dossiers/dossier.ts";
import type { DossierReport, ReportOutcome } from "../domain/dossiers/report.ts";
import type { DossierStatus } from "../domain/dossiers/status.ts";

export type Locale = "vi" | "en";

/** What we remember about one Telegram user. */
export interface UserProfile {
  /** Chosen with /lang; absent means "follow Telegram's language". */
  locale?: Locale;
  /** The commune whose center serves them. */
  communeCode?: string;
  /** The old unit they named when choosing, if any (for notices to old communes later). */
  oldUnitCode?: string;
}

export interface UserRepository {
  get(userId: number): Promise<UserProfile | undefined>;
  /** Merges `patch` into the profile and persists it before resolving. */
  update(userId: number, patch: Partial<UserProfile>): Promise<UserProfile>;
}

/** A search that found nothing relevant, kept so staff can post what people look for. */
export interface UnansweredQuery {
  at: string;
  communeCode?: string;
  query: string;
  locale: Locale;
}

/** Append-only records; cheap to add to whatever the size already is. */
export interface EventLog {
  recordUnanswered(event: UnansweredQuery): Promise<void>;
  unanswered(since: Date): AsyncIterable<UnansweredQuery>;
}

export interface Store {
  users: UserRepository;
  dossiers: DossierRepository;
  lookups: LookupLog;
  /** grammY conversation state, by chat. */
  conversations: StorageAdapter<unknown>;
  events: EventLog;
  /** Writes whatever is pending and releases files. */
  close(): Promise<void>;
}

/** A message to send: a dossier's status changed and this chat asked to be told. */
export interface DossierNotification {
  /** Unique and stable: the same change is never queued twice for one chat. */
  id: string;
  chatId: number;
  dossierCode: string;
  status: DossierStatus;
  locale: Locale;
  queuedAt: string;
}

/**
 * Dossiers, who follows them, and the notifications waiting to go out. Applying reports and
 * queueing the notifications they cause happen in one write, so a crash cannot keep one
 * without the other.
 */
export interface DossierRepository {
  get(code: string): Promise<Dossier | undefined>;
  /**
   * Applies every report at once, or none if the write fails; queues a notification for each
   * subscriber of a dossier whose status changed. Returns one outcome per report, in order.
   */
  applyReports(
    reports: DossierReport[],
    now: Date,
  ): Promise<ReportOutcome[]>;
  subscribe(code: string, chatId: number, locale: Locale): Promise<void>;
  unsubscribe(code: string, chatId: number): Promise<void>;
  isSubscribed(code: string, chatId: number): Promise<boolean>;
  /** Codes someone follows (the HTTP source polls them). */
  followedCodes(): Promise<string[]>;
  /** Queued notifications, oldest first. */
  pendingNotifications(): Promise<DossierNotification[]>;
  /** Removes a delivered (or undeliverable) notification from the queue. */
  markDelivered(id: string): Promise<void>;
}

/** One dossier look-up, as recorded for staff (demand, abuse). */
export interface LookupRecord {
  at: string;
  /** The dossier's commune when found, else the asker's commune, if known. */
  communeCode?: string;
  code: string;
  found: boolean;
  /** A keyed hash of the Telegram user id: never the raw id. */
  user: string;
}

/** Recorded look-ups: appended, pruned by age. Cost per record does not grow with the log. */
export interface LookupLog {
  record(entry: LookupRecord): Promise<void>;
  /** Deletes records older than `before`. */
  prune(before: Date): Promise<void>;
  since(from: Date): AsyncIterable<LookupRecord>;
}
