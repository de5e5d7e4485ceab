import { join } from "node:path";
import { z } from "zod";
import { type Dossier, dossierSchema } from "../../domain/dossiers/dossier.ts";
import type { DossierFollower } from "../../domain/dossiers/follower.ts";
import type { DossierNotification } from "../../domain/dossiers/notification.ts";
import { dossierNotification, dossierNotificationSchema } from "../../domain/dossiers/notification.ts";
import { applyReport, type DossierReport, type ReportOutcome } from "../../domain/dossiers/report.ts";
import type { DossierRepository } from "../../domain/dossiers/repository.ts";
import type { Locale } from "../../domain/locale.ts";
import { ownValue } from "../../shared/own.ts";
import { follower, LowDossierFollowers } from "./dossier-followers.ts";
import { JsonDocument } from "./json-document.ts";

const dossiersFile = z.strictObject({
  dossiers: z.record(z.string(), dossierSchema),
  outbox: z.array(dossierNotificationSchema),
  /** Only in a file written before followers had a document of their own: moved at start-up. */
  followers: z.record(z.string(), z.array(follower)).optional(),
});
type DossiersFile = z.infer<typeof dossiersFile>;
const deliveredFile = z.strictObject({ delivered: z.array(z.string()) });

/**
 * Dossiers and the notification outbox in STATE_DIR/dossiers.json: one document, so applying a
 * status change and queueing its notifications is one atomic write. What changes often and
 * alone lives beside it in small documents, so that it never rewrites every dossier (about 130 MB at
 * 200,000): followers in dossier-followers.json, and the ids of notifications delivered since
 * in dossier-notifications-delivered.json. A delivered notification leaves the outbox at the next
 * write of the dossiers; until then the delivered list hides it.
 */
export class LowDossierRepository implements DossierRepository {
  private constructor(
    private readonly doc: JsonDocument<DossiersFile>,
    private readonly followerDoc: LowDossierFollowers,
    private readonly deliveredDoc: JsonDocument<{ delivered: string[] }>,
  ) {}

  static async open(stateDir: string): Promise<LowDossierRepository> {
    const doc = await new JsonDocument(join(stateDir, "dossiers.json"), dossiersFile, {
      dossiers: {},
      outbox: [],
    }).open();
    const followers = await LowDossierFollowers.open(join(stateDir, "dossier-followers.json"));
    const delivered = await new JsonDocument(join(stateDir, "dossier-notifications-delivered.json"), deliveredFile, {
      delivered: [],
    }).open();
    const repository = new LowDossierRepository(doc, followers, delivered);
    await repository.moveLegacyFollowers();
    await repository.forgetDeliveredOutOfOutbox();
    return repository;
  }

  async get(code: string): Promise<Dossier | undefined> {
    return ownValue(this.doc.data.dossiers, code);
  }

  async applyReports(reports: DossierReport[], now: Date): Promise<ReportOutcome[]> {
    const outcomes: ReportOutcome[] = [];
    await this.writeDossiers((data) => {
      for (const report of reports) {
        const applied = applyReport(ownValue(data.dossiers, report.code), report, now);
        outcomes.push(applied.outcome);
        data.dossiers[report.code] = applied.dossier;
        if (applied.statusChanged)
          data.outbox.push(
            ...this.followerDoc.of(report.code).map((f) => dossierNotification(applied.dossier, f, now)),
          );
      }
      // A file imported again changes nothing, and the state file is not even rewritten.
      return outcomes.some((o) => o !== "unchanged");
    });
    return outcomes;
  }

  subscribe(code: string, chatId: number, locale: Locale): Promise<void> {
    return this.followerDoc.add(code, chatId, locale);
  }

  unsubscribe(code: string, chatId: number): Promise<void> {
    return this.followerDoc.remove(code, chatId);
  }

  async isSubscribed(code: string, chatId: number): Promise<boolean> {
    return this.followerDoc.of(code).some((f) => f.chatId === chatId);
  }

  async followedCodes(): Promise<string[]> {
    return this.followerDoc.codes();
  }

  async pendingNotifications(): Promise<DossierNotification[]> {
    const delivered = new Set(this.deliveredDoc.data.delivered);
    return this.doc.data.outbox.filter((n) => !delivered.has(n.id));
  }

  /** One instance owns the files (the writer lock), so nobody else can be sending them. */
  async claimNotifications(_now: Date, limit: number): Promise<DossierNotification[]> {
    return (await this.pendingNotifications()).slice(0, limit);
  }

  async *all(): AsyncIterable<Dossier> {
    yield* Object.values(this.doc.data.dossiers);
  }

  async followers(): Promise<DossierFollower[]> {
    return this.followerDoc.all();
  }

  async restore(dossiers: Dossier[]): Promise<void> {
    if (dossiers.length === 0) return;
    await this.writeDossiers((data) => {
      for (const d of dossiers) data.dossiers[d.code] = d;
    });
  }

  async requeue(notifications: DossierNotification[]): Promise<void> {
    if (notifications.length === 0) return;
    await this.writeDossiers((data) => {
      const queued = new Set(data.outbox.map((n) => n.id));
      data.outbox.push(...notifications.filter((n) => !queued.has(n.id)));
    });
  }

  async markDelivered(id: string): Promise<void> {
    await this.deliveredDoc.update((data) => {
      if (data.delivered.includes(id) || !this.doc.data.outbox.some((n) => n.id === id)) return false;
      data.delivered.push(id);
      return true;
    });
  }

  /** Writes dossiers.json, taking the delivered notifications out of its outbox on the way. */
  private async writeDossiers(change: (data: DossiersFile) => unknown): Promise<void> {
    await this.doc.update((data) => {
      const changed = change(data);
      if (changed === false) return false;
      const delivered = new Set(this.deliveredDoc.data.delivered);
      data.outbox = data.outbox.filter((n) => !delivered.has(n.id));
      return true;
    });
    await this.forgetDeliveredOutOfOutbox();
  }

  /** A delivered id whose notification left the outbox has done its work. */
  private async forgetDeliveredOutOfOutbox(): Promise<void> {
    await this.deliveredDoc.update((data) => {
      const queued = new Set(this.doc.data.outbox.map((n) => n.id));
      const kept = data.delivered.filter((id) => queued.has(id));
      if (kept.length === data.delivered.length) return false;
      data.delivered = kept;
      return true;
    });
  }

  /** An older dossiers.json held the followers: moved to their own document, then dropped here. */
  private async moveLegacyFollowers(): Promise<void> {
    const legacy = this.doc.data.followers;
    if (!legacy) return;
    await this.followerDoc.takeIn(legacy);
    await this.doc.update((data) => {
      delete data.followers;
    });
  }
}
