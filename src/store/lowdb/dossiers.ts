import { ownValue } from "../../shared/own.ts";
import { z } from "zod";
import type { Dossier } from "../../domain/dossiers/dossier.ts";
import { applyReport, type DossierReport, type ReportOutcome } from "../../domain/dossiers/report.ts";
import { DOSSIER_STATUSES } from "../../domain/dossiers/status.ts";
import { dossierNotification } from "../dossier-notification.ts";
import type { DossierFollower, DossierNotification, DossierRepository, Locale } from "../types.ts";
import { JsonDocument } from "./json-document.ts";

const status = z.enum(DOSSIER_STATUSES);
const dossier = z.strictObject({
  code: z.string().min(1),
  communeCode: z.string(),
  procedureCode: z.string().optional(),
  procedureName: z.string().optional(),
  applicantName: z.string(),
  receivedAt: z.string(),
  appointments: z.array(z.strictObject({ due: z.string(), setAt: z.string(), reason: z.string().optional() })),
  status,
  history: z.array(z.strictObject({ status, at: z.string(), note: z.string().optional() })),
  missing: z.array(z.string()).optional(),
  payment: z.strictObject({ amountVnd: z.number().optional(), where: z.string() }).optional(),
  reason: z.string().optional(),
  note: z.string().optional(),
  actBy: z.string().optional(),
  lookupKey: z.string().optional(),
  updatedAt: z.string(),
});
const follower = z.strictObject({ chatId: z.number().int(), locale: z.enum(["vi", "en"]) });
const notification = z.strictObject({
  id: z.string(),
  chatId: z.number().int(),
  dossierCode: z.string(),
  status,
  locale: z.enum(["vi", "en"]),
  queuedAt: z.string(),
});
const dossiersFile = z.strictObject({
  dossiers: z.record(z.string(), dossier),
  followers: z.record(z.string(), z.array(follower)),
  outbox: z.array(notification),
});
type DossiersFile = z.infer<typeof dossiersFile>;

/**
 * Dossiers, their followers and the notification outbox in STATE_DIR/dossiers.json: one
 * document, so applying a status change and queueing its notifications is one atomic write.
 */
export class LowDossierRepository implements DossierRepository {
  private constructor(private readonly doc: JsonDocument<DossiersFile>) {}

  static async open(file: string): Promise<LowDossierRepository> {
    const empty: DossiersFile = { dossiers: {}, followers: {}, outbox: [] };
    return new LowDossierRepository(await new JsonDocument(file, dossiersFile, empty).open());
  }

  async get(code: string): Promise<Dossier | undefined> {
    return ownValue(this.doc.data.dossiers, code);
  }

  async applyReports(reports: DossierReport[], now: Date): Promise<ReportOutcome[]> {
    const outcomes: ReportOutcome[] = [];
    await this.doc.update((data) => {
      for (const report of reports) {
        const applied = applyReport(ownValue(data.dossiers, report.code), report, now);
        outcomes.push(applied.outcome);
        data.dossiers[report.code] = applied.dossier;
        if (applied.statusChanged) data.outbox.push(...(ownValue(data.followers, report.code) ?? []).map((f) => dossierNotification(applied.dossier, f, now)));
      }
      // A file imported again changes nothing, and the state file is not even rewritten.
      return outcomes.some((o) => o !== "unchanged");
    });
    return outcomes;
  }

  async subscribe(code: string, chatId: number, locale: Locale): Promise<void> {
    await this.doc.update((data) => {
      const list = (ownValue(data.followers, code) ?? []).filter((f) => f.chatId !== chatId);
      data.followers[code] = [...list, { chatId, locale }];
    });
  }

  async unsubscribe(code: string, chatId: number): Promise<void> {
    await this.doc.update((data) => {
      const list = ownValue(data.followers, code);
      if (!list) return false;
      const rest = list.filter((f) => f.chatId !== chatId);
      if (rest.length > 0) data.followers[code] = rest;
      else delete data.followers[code];
      return true;
    });
  }

  async isSubscribed(code: string, chatId: number): Promise<boolean> {
    return (ownValue(this.doc.data.followers, code) ?? []).some((f) => f.chatId === chatId);
  }

  async followedCodes(): Promise<string[]> {
    return Object.keys(this.doc.data.followers);
  }

  async pendingNotifications(): Promise<DossierNotification[]> {
    return [...this.doc.data.outbox];
  }

  async *all(): AsyncIterable<Dossier> {
    yield* Object.values(this.doc.data.dossiers);
  }

  async followers(): Promise<DossierFollower[]> {
    return Object.entries(this.doc.data.followers).flatMap(([code, list]) => list.map((f) => ({ code, ...f })));
  }

  async restore(dossiers: Dossier[]): Promise<void> {
    if (dossiers.length === 0) return;
    await this.doc.update((data) => {
      for (const d of dossiers) data.dossiers[d.code] = d;
    });
  }

  async requeue(notifications: DossierNotification[]): Promise<void> {
    if (notifications.length === 0) return;
    await this.doc.update((data) => {
      const queued = new Set(data.outbox.map((n) => n.id));
      data.outbox.push(...notifications.filter((n) => !queued.has(n.id)));
    });
  }

  async markDelivered(id: string): Promise<void> {
    await this.doc.update((data) => {
      data.outbox = data.outbox.filter((n) => n.id !== id);
    });
  }
}
