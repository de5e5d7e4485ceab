/**
 * What the bot keeps between messages, behind small interfaces: the embedded lowdb store
 * implements them today, a PostgreSQL store can implement them for several instances.
 */
import type { StorageAdapter } from "grammy";

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
  /** grammY conversation state, by chat. */
  conversations: StorageAdapter<unknown>;
  events: EventLog;
  /** Writes whatever is pending and releases files. */
  close(): Promise<void>;
}
