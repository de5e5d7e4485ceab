import type { Pool } from "pg";
import type { DeliveryLog, DeliveryRecord } from "../../domain/notices/delivery.ts";
import type { Notice } from "../../domain/notices/notice.ts";
import type { NoticeRepository } from "../../domain/notices/repository.ts";

/** Notices in the `notices` table; the whole notice as JSON, its keys as columns for the indexes. */
export class PgNoticeRepository implements NoticeRepository {
  constructor(private readonly pool: Pool) {}

  async add(n: Notice): Promise<void> {
    await this.pool.query("INSERT INTO notices (id, commune_code, status, notice) VALUES ($1, $2, $3, $4)", [
      n.id,
      n.communeCode,
      n.status,
      n,
    ]);
  }

  async setStatus(id: string, status: Notice["status"]): Promise<void> {
    await this.pool.query(
      "UPDATE notices SET status = $2, notice = jsonb_set(notice, '{status}', to_jsonb($2::text)) WHERE id = $1",
      [id, status],
    );
  }

  async get(id: string): Promise<Notice | undefined> {
    return (await this.pool.query<{ notice: Notice }>("SELECT notice FROM notices WHERE id = $1", [id])).rows[0]
      ?.notice;
  }

  async latest(communeCode: string, limit: number): Promise<Notice[]> {
    const { rows } = await this.pool.query<{ notice: Notice }>(
      "SELECT notice FROM notices WHERE commune_code = $1 ORDER BY seq DESC LIMIT $2",
      [communeCode, limit],
    );
    return rows.map((r) => r.notice);
  }

  async all(): Promise<Notice[]> {
    return (await this.pool.query<{ notice: Notice }>("SELECT notice FROM notices ORDER BY seq")).rows.map(
      (r) => r.notice,
    );
  }

  async sending(): Promise<Notice[]> {
    return (
      await this.pool.query<{ notice: Notice }>("SELECT notice FROM notices WHERE status = 'sending' ORDER BY seq")
    ).rows.map((r) => r.notice);
  }
}

/** Recipients fixed at confirmation, one row per notice; one row per recipient handled. */
export class PgDeliveryLog implements DeliveryLog {
  constructor(private readonly pool: Pool) {}

  async setRecipients(noticeId: string, chatIds: number[]): Promise<void> {
    await this.pool.query(
      "INSERT INTO notice_recipients (notice_id, chat_ids) VALUES ($1, $2) ON CONFLICT (notice_id) DO UPDATE SET chat_ids = $2",
      [noticeId, JSON.stringify(chatIds)],
    );
  }

  async recipients(noticeId: string): Promise<number[]> {
    const { rows } = await this.pool.query<{ chat_ids: number[] }>(
      "SELECT chat_ids FROM notice_recipients WHERE notice_id = $1",
      [noticeId],
    );
    return rows[0]?.chat_ids ?? [];
  }

  async record(noticeId: string, entry: DeliveryRecord): Promise<void> {
    await this.pool.query("INSERT INTO notice_deliveries (notice_id, entry) VALUES ($1, $2)", [noticeId, entry]);
  }

  async records(noticeId: string): Promise<DeliveryRecord[]> {
    const { rows } = await this.pool.query<{ entry: DeliveryRecord }>(
      "SELECT entry FROM notice_deliveries WHERE notice_id = $1 ORDER BY id",
      [noticeId],
    );
    return rows.map((r) => r.entry);
  }
}
