import type { Pool } from "pg";
import type { AppendLog } from "../../domain/append-log.ts";

/** Records read per query by `since`: a year of look-ups is not loaded at once. */
const PAGE = 1_000;

/**
 * Append-only records in a table with the time as a column: recording is one insert, reading
 * since a date and pruning by age go by the index on `at`.
 */
export class PgAppendLog<T extends { at: string }> implements AppendLog<T> {
  constructor(
    private readonly pool: Pool,
    private readonly table: "audit_log" | "lookup_log" | "event_log",
    /** Pruning removes whole periods, as the embedded store removes whole files. */
    private readonly period: "day" | "month",
  ) {}

  async record(entry: T): Promise<void> {
    await this.pool.query(`INSERT INTO ${this.table} (at, entry) VALUES ($1, $2)`, [entry.at, entry]);
  }

  async *since(from: Date): AsyncIterable<T> {
    for (let after = 0; ; ) {
      const { rows } = await this.pool.query<{ id: number; entry: T }>(
        `SELECT id, entry FROM ${this.table} WHERE at >= $1 AND id > $2 ORDER BY id LIMIT ${PAGE}`,
        [from.toISOString(), after],
      );
      for (const r of rows) yield r.entry;
      if (rows.length < PAGE) return;
      after = rows.at(-1)?.id ?? after;
    }
  }

  async prune(before: Date): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.table} WHERE at < date_trunc('${this.period}', $1::timestamptz, 'UTC')`, [
      before.toISOString(),
    ]);
  }
}
