import type { Pool, PoolClient } from "pg";
import type { Dossier } from "../../domain/dossiers/dossier.ts";
import type { DossierFollower } from "../../domain/dossiers/follower.ts";
import type { DossierNotification } from "../../domain/dossiers/notification.ts";
import { dossierNotification } from "../../domain/dossiers/notification.ts";
import { applyReport, type DossierReport, type ReportOutcome } from "../../domain/dossiers/report.ts";
import type { DossierRepository } from "../../domain/dossiers/repository.ts";
import type { ReportStream } from "../../domain/dossiers/submit.ts";
import type { Locale } from "../../domain/locale.ts";
import { inTransaction } from "./transaction.ts";

/**
 * Dossiers, their followers and the notification outbox in three tables. Applying reports and
 * queueing the notifications they cause is one transaction; the dossiers it changes are locked
 * meanwhile, so two imports at once apply one after the other.
 */
export class PgDossierRepository implements DossierRepository {
  constructor(private readonly pool: Pool) {}

  async get(code: string): Promise<Dossier | undefined> {
    return (await this.pool.query<{ dossier: Dossier }>("SELECT dossier FROM dossiers WHERE code = $1", [code])).rows[0]
      ?.dossier;
  }

  async applyReports(reports: ReportStream, now: Date): Promise<ReportOutcome[]> {
    return inTransaction(this.pool, async (client) => {
      const outcomes: ReportOutcome[] = [];
      let batch: DossierReport[] = [];
      for await (const report of reports) {
        batch.push(report);
        if (batch.length < BATCH) continue;
        outcomes.push(...(await applyBatch(client, batch, now)));
        batch = [];
      }
      outcomes.push(...(await applyBatch(client, batch, now)));
      return outcomes;
    });
  }

  async subscribe(code: string, chatId: number, locale: Locale): Promise<void> {
    await this.pool.query(
      `INSERT INTO dossier_followers (code, chat_id, locale) VALUES ($1, $2, $3)
       ON CONFLICT (code, chat_id) DO UPDATE SET locale = $3, seq = nextval(pg_get_serial_sequence('dossier_followers', 'seq'))`,
      [code, chatId, locale],
    );
  }

  async unsubscribe(code: string, chatId: number): Promise<void> {
    await this.pool.query("DELETE FROM dossier_followers WHERE code = $1 AND chat_id = $2", [code, chatId]);
  }

  async isSubscribed(code: string, chatId: number): Promise<boolean> {
    return (
      (await this.pool.query("SELECT 1 FROM dossier_followers WHERE code = $1 AND chat_id = $2", [code, chatId]))
        .rowCount === 1
    );
  }

  async followedCodes(): Promise<string[]> {
    return (
      await this.pool.query<{ code: string }>("SELECT code FROM dossier_followers GROUP BY code ORDER BY min(seq)")
    ).rows.map((r) => r.code);
  }

  async pendingNotifications(): Promise<DossierNotification[]> {
    return (
      await this.pool.query<{ notification: DossierNotification }>(
        "SELECT notification FROM dossier_outbox ORDER BY seq",
      )
    ).rows.map((r) => r.notification);
  }

  async claimNotifications(now: Date, limit: number, leaseMs: number): Promise<DossierNotification[]> {
    // SKIP LOCKED: two instances claiming at once take different rows instead of waiting.
    const { rows } = await this.pool.query<{ notification: DossierNotification; seq: string }>(
      `UPDATE dossier_outbox SET claimed_until = $1::timestamptz + make_interval(secs => $3::double precision / 1000)
       WHERE id IN (SELECT id FROM dossier_outbox WHERE claimed_until IS NULL OR claimed_until <= $1
                    ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING notification, seq`,
      [now, limit, leaseMs],
    );
    return rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map((r) => r.notification);
  }

  /** Page after page (by code): every dossier of a center would not fit in memory at once. */
  async *all(): AsyncIterable<Dossier> {
    for (let after = ""; ; ) {
      const { rows } = await this.pool.query<{ code: string; dossier: Dossier }>(
        "SELECT code, dossier FROM dossiers WHERE code > $1 ORDER BY code LIMIT $2",
        [after, BATCH],
      );
      for (const r of rows) yield r.dossier;
      if (rows.length < BATCH) return;
      after = rows.at(-1)?.code ?? after;
    }
  }

  async followers(): Promise<DossierFollower[]> {
    return (
      await this.pool.query<DossierFollower>(
        `SELECT code, chat_id AS "chatId", locale FROM dossier_followers ORDER BY seq`,
      )
    ).rows;
  }

  async restore(dossiers: Dossier[]): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      for (const d of dossiers)
        await client.query(
          "INSERT INTO dossiers (code, dossier) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET dossier = $2",
          [d.code, d],
        );
    });
  }

  async requeue(notifications: DossierNotification[]): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      for (const n of notifications)
        await client.query(
          "INSERT INTO dossier_outbox (id, notification) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING",
          [n.id, n],
        );
    });
  }

  async markDelivered(id: string): Promise<void> {
    await this.pool.query("DELETE FROM dossier_outbox WHERE id = $1", [id]);
  }
}

/** Reports applied per statement: an import of 200,000 rows is read and written in slices, in one transaction. */
const BATCH = 1_000;

/** Applies a slice of reports: its dossiers locked and read in one query, the changed ones written in one. */
async function applyBatch(client: PoolClient, reports: DossierReport[], now: Date): Promise<ReportOutcome[]> {
  if (reports.length === 0) return [];
  const codes = [...new Set(reports.map((r) => r.code))];
  const { rows } = await client.query<{ code: string; dossier: Dossier }>(
    "SELECT code, dossier FROM dossiers WHERE code = ANY($1) ORDER BY code FOR UPDATE",
    [codes],
  );
  const current = new Map(rows.map((r) => [r.code, r.dossier]));
  const changed = new Map<string, Dossier>();
  const outcomes: ReportOutcome[] = [];
  for (const report of reports) {
    const applied = applyReport(current.get(report.code), report, now);
    outcomes.push(applied.outcome);
    current.set(report.code, applied.dossier);
    if (applied.outcome !== "unchanged") changed.set(report.code, applied.dossier);
    if (applied.statusChanged) await queueNotifications(client, applied.dossier, now);
  }
  if (changed.size > 0)
    await client.query(
      `INSERT INTO dossiers (code, dossier) SELECT * FROM unnest($1::text[], $2::jsonb[])
       ON CONFLICT (code) DO UPDATE SET dossier = excluded.dossier`,
      [[...changed.keys()], [...changed.values()].map((d) => JSON.stringify(d))],
    );
  return outcomes;
}

/** Queues the change for every follower; a change queued before is not queued again. */
async function queueNotifications(client: PoolClient, dossier: Dossier, now: Date): Promise<void> {
  const { rows } = await client.query<{ chatId: number; locale: Locale }>(
    `SELECT chat_id AS "chatId", locale FROM dossier_followers WHERE code = $1 ORDER BY seq`,
    [dossier.code],
  );
  for (const follower of rows) {
    const notification = dossierNotification(dossier, follower, now);
    await client.query("INSERT INTO dossier_outbox (id, notification) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING", [
      notification.id,
      notification,
    ]);
  }
}
