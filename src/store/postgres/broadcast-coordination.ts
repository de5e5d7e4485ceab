import type pg from "pg";
import type { BroadcastCoordination } from "../bot-storage.ts";

/** First key of the advisory locks held per notice being sent. */
const NOTICE_LOCK = 4_281_735;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Notices held with a session advisory lock on a connection of their own (it goes with the
 * connection when an instance dies), and one pace in a one-row table: each send takes the next
 * slot, `next_at` moved on by one interval under the row's lock, and waits for it.
 */
export class PgBroadcastCoordination implements BroadcastCoordination {
  constructor(private readonly locks: pg.Pool) {}

  async hold(noticeId: string): Promise<(() => Promise<void>) | undefined> {
    const client = await this.locks.connect();
    const { rows } = await client.query<{ held: boolean }>("SELECT pg_try_advisory_lock($1, hashtext($2)) AS held", [
      NOTICE_LOCK,
      noticeId,
    ]);
    if (!rows[0]?.held) {
      client.release();
      return undefined;
    }
    return async () => {
      await client.query("SELECT pg_advisory_unlock($1, hashtext($2))", [NOTICE_LOCK, noticeId]);
      client.release();
    };
  }

  async turn(intervalMs: number): Promise<void> {
    const { rows } = await this.locks.query<{ wait: number }>(
      `UPDATE broadcast_pace SET next_at = greatest(next_at, clock_timestamp()) + make_interval(secs => $1::float8 / 1000)
       WHERE id = 1 RETURNING extract(epoch FROM next_at - clock_timestamp()) * 1000 - $1::float8 AS wait`,
      [intervalMs],
    );
    const wait = Number(rows[0]?.wait ?? 0);
    if (wait > 0) await sleep(wait);
  }

  async pause(seconds: number): Promise<void> {
    await this.locks.query(
      "UPDATE broadcast_pace SET next_at = greatest(next_at, clock_timestamp() + make_interval(secs => $1::float8)) WHERE id = 1",
      [seconds],
    );
  }
}
