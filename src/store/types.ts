/**
 * What the bot keeps between messages, behind small interfaces: the embedded lowdb store
 * implements them today, a PostgreSQL store can implement them for several instances.
 */
import type { StorageAdapter } from "grammy";
import type { Dossier } from "../domain/dossiers/dossier.ts";
import type { LimiterStateStore } from "../domain/dossiers/limiter.ts";
import type { ReportOutcome } from "../domain/dossiers/report.ts";
import type { DossierStatus } from "../domain/dossiers/status.ts";
import type { ReportStream } from "../domain/dossiers/submit.ts";

export type Locale = "vi" | "en";

/** What we remember about one Telegram user. */
export interface UserProfile {
  /** Chosen with /lang; absent means "follow Telegram's language". */
  locale?: Locale;
  /** The commune whose center serves them. */
  communeCode?: string;
  /** The old unit they named when choosing, if any (for notices to old communes). */
  oldUnitCode?: string;
  /** Receives its commune's notices. */
  notices?: boolean;
  /** Blocked the bot: nothing is sent to them until they write again. */
  inactive?: boolean;
}

export interface UserRepository {
  get(userId: number): Promise<UserProfile | undefined>;
  /** Merges `patch` into the profile and persists it before resolving. */
  update(userId: number, patch: Partial<UserProfile>): Promise<UserProfile>;
  /**
   * Who receives a commune's notices: active users of the commune who turned notices on, or
   * only those who named one of `oldUnitCodes` when choosing it.
   */
  noticeAudience(communeCode: string, oldUnitCodes?: readonly string[]): Promise<number[]>;
  /** Every profile (moving state between stores). */
  all(): AsyncIterable<{ id: number; profile: UserProfile }>;
}

/** A staff member's right to act for one commune. */
export interface StaffGrant {
  userId: number;
  communeCode: string;
  grantedBy: number;
  grantedAt: string;
}

export interface StaffRepository {
  grant(grant: StaffGrant): Promise<void>;
  revoke(userId: number, communeCode: string): Promise<boolean>;
  /** Communes this user may act for. */
  communesOf(userId: number): Promise<string[]>;
  list(): Promise<StaffGrant[]>;
}

/** One staff or administrator action: who, what, when, which commune. */
export interface AuditEntry {
  at: string;
  actor: number;
  action: string;
  communeCode?: string;
  details?: Record<string, unknown>;
}

export type AuditLog = AppendLog<AuditEntry>;

/** A notice staff sent (or are sending) to a commune's residents. */
export interface Notice {
  id: string;
  communeCode: string;
  text: string;
  /** Telegram file id of an attached photo. */
  photo?: string;
  location?: { lat: number; lon: number };
  /** Only residents who named one of these old units; absent: the whole commune. */
  oldUnitCodes?: string[];
  createdBy: number;
  createdAt: string;
  status: "sending" | "done" | "cancelled";
}

export interface NoticeRepository {
  add(notice: Notice): Promise<void>;
  setStatus(id: string, status: Notice["status"]): Promise<void>;
  get(id: string): Promise<Notice | undefined>;
  /** The commune's latest notices, newest first. */
  latest(communeCode: string, limit: number): Promise<Notice[]>;
  /** Notices still being sent (to resume after a restart). */
  sending(): Promise<Notice[]>;
  /** Every notice, oldest first (moving state between stores). */
  all(): Promise<Notice[]>;
}

/**
 * Something a citizen did, counted in the center's statistics. An "unanswered" search found
 * nothing relevant: staff see those to post what people look for. An "arrival" is a /start, with
 * where the citizen came from (a poster's QR, a shared card, or neither): staff see whether
 * their posters work.
 */
export interface UsageEvent {
  at: string;
  kind: "search" | "unanswered" | "card" | "checklist" | "arrival";
  communeCode?: string;
  /** The words searched, cut short (searches only). */
  query?: string;
  procedureCode?: string;
  /** Arrivals only. */
  source?: "qr" | "share" | "direct";
}

/** Append-only records: recording costs the same at any size; old ones are pruned by age. */
export interface AppendLog<T extends { at: string }> {
  record(entry: T): Promise<void>;
  /** `onUnreadable` is told of each record that could not be read and was skipped (a torn line). */
  since(from: Date, onUnreadable?: () => void): AsyncIterable<T>;
  /** Deletes records older than `before` (whole days or months at a time). */
  prune(before: Date): Promise<void>;
}

/** What staff changed about their center (a move, new hours): applied over data/. */
export interface CenterUpdate {
  address?: string;
  hours?: string;
  location?: { lat: number; lon: number };
  phone?: string;
  updatedBy: number;
  updatedAt: string;
}

export interface CenterUpdateRepository {
  all(): Promise<Record<string, CenterUpdate>>;
  set(communeCode: string, update: CenterUpdate): Promise<void>;
}

/** What happened to one recipient of a notice. */
export interface DeliveryRecord {
  chatId: number;
  result: "sent" | "blocked" | "failed";
  at: string;
}

/**
 * Who a notice goes to (fixed when staff confirm it) and what happened to each, recorded as it
 * happens: after a crash, the recipients without a record are exactly the ones left to do.
 */
export interface DeliveryLog {
  setRecipients(noticeId: string, chatIds: number[]): Promise<void>;
  recipients(noticeId: string): Promise<number[]>;
  record(noticeId: string, entry: DeliveryRecord): Promise<void>;
  records(noticeId: string): Promise<DeliveryRecord[]>;
}

/**
 * Where several instances serve one bot: handles each update once, and one chat's updates one at
 * a time, whichever instance they land on.
 */
export interface UpdateLedger {
  /**
   * Runs `handle` unless the update was handled already (Telegram re-sends an update whose
   * request timed out or whose answer was lost, maybe to another instance), while no other
   * instance handles an update of the same chat. The update counts as handled only once
   * `handle` has finished; what it returns (the webhook answer) is stored with it, and a
   * duplicate gets that back.
   */
  handleOnce(
    updateId: number,
    chatKey: string | undefined,
    handle: () => Promise<string | undefined>,
  ): Promise<LedgerOutcome>;
  /** Forgets updates handled before `before` (Telegram gives up re-sending within a day). */
  prune(before: Date): Promise<void>;
}

/** Whether an update was handled now, or before (then with the answer stored for it). */
export type LedgerOutcome = { duplicate: false } | { duplicate: true; answer: string | undefined };

/** grammY's storage for conversation state, able to list its chats (moving state between stores). */
export type ConversationStorage = StorageAdapter<unknown> & { readAllKeys(): AsyncIterable<string> };

/**
 * Where several instances send notices: each notice is sent by one instance at a time, and all
 * share one pace, so that together they stay within BROADCAST_RATE and Telegram's limits.
 */
export interface BroadcastCoordination {
  /**
   * Holds the notice for this instance while it sends it; undefined when another instance holds
   * it. An instance that dies lets go, and another resumes the notice.
   */
  hold(noticeId: string): Promise<(() => Promise<void>) | undefined>;
  /** Waits for this sender's turn in the pace all instances share. */
  turn(intervalMs: number): Promise<void>;
  /** Telegram said "retry after": holds every instance back. */
  pause(seconds: number): Promise<void>;
}

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
  /** grammY conversation state, by chat. */
  conversations: ConversationStorage;
  events: AppendLog<UsageEvent>;
  /** Only in a store several instances share (PostgreSQL); one process needs none. */
  updates?: UpdateLedger;
  /** Likewise. */
  broadcasting?: BroadcastCoordination;
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
   * Applies every report at once (read as they come: an import may not fit in memory), or none
   * if the write fails; queues a notification for each
   * subscriber of a dossier whose status changed. Returns one outcome per report, in order.
   */
  applyReports(reports: ReportStream, now: Date): Promise<ReportOutcome[]>;
  subscribe(code: string, chatId: number, locale: Locale): Promise<void>;
  unsubscribe(code: string, chatId: number): Promise<void>;
  isSubscribed(code: string, chatId: number): Promise<boolean>;
  /** Codes someone follows (the HTTP source polls them). */
  followedCodes(): Promise<string[]>;
  /** Queued notifications, oldest first. */
  pendingNotifications(): Promise<DossierNotification[]>;
  /** Removes a delivered (or undeliverable) notification from the queue. */
  markDelivered(id: string): Promise<void>;
  /** Every dossier (moving state between stores). */
  all(): AsyncIterable<Dossier>;
  /** Every follower, oldest first (moving state between stores). */
  followers(): Promise<DossierFollower[]>;
  /** Puts dossiers back as they were, history included (moving state between stores). */
  restore(dossiers: Dossier[]): Promise<void>;
  /** Queues notifications as they were (moving state between stores); one queued already stays once. */
  requeue(notifications: DossierNotification[]): Promise<void>;
}

/** A chat that asked to be told when a dossier changes. */
export interface DossierFollower {
  code: string;
  chatId: number;
  locale: Locale;
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

export type LookupLog = AppendLog<LookupRecord>;
