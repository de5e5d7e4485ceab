import type { Locale } from "../locale.ts";
import type { Dossier } from "./dossier.ts";
import type { DossierFollower } from "./follower.ts";
import type { DossierNotification } from "./notification.ts";
import type { ReportOutcome } from "./report.ts";
import type { ReportStream } from "./submit.ts";

/**
 * Dossiers, who follows them, and the notifications waiting to go out. Applying reports and
 * queueing the notifications they cause happen in one write, so a crash cannot keep one
 * without the other.
 */
export interface DossierRepository {
  get(code: string): Promise<Dossier | undefined>;
  /**
   * Applies every report at once (read as they come: an import may not fit in memory), or none
   * if the write fails; queues a notification for each subscriber of a dossier whose status
   * changed. Returns one outcome per report, in order.
   */
  applyReports(reports: ReportStream, now: Date): Promise<ReportOutcome[]>;
  subscribe(code: string, chatId: number, locale: Locale): Promise<void>;
  unsubscribe(code: string, chatId: number): Promise<void>;
  isSubscribed(code: string, chatId: number): Promise<boolean>;
  /** Codes someone follows (the HTTP source polls them). */
  followedCodes(): Promise<string[]>;
  /** Queued notifications, oldest first. */
  pendingNotifications(): Promise<DossierNotification[]>;
  /**
   * Up to `limit` queued notifications, oldest first, that no other instance is sending: each is
   * held for `leaseMs`, so another instance's round skips it; one not marked delivered by then
   * (its sender stopped) is offered again.
   */
  claimNotifications(now: Date, limit: number, leaseMs: number): Promise<DossierNotification[]>;
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
