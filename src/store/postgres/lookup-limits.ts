import type { Pool } from "pg";
import type { LimiterEntry, LimiterStateStore } from "../../domain/dossiers/limiter.ts";
import { inTransaction } from "./transaction.ts";

/** Any fixed number, naming the limiter's advisory locks (the user's hash is the other half). */
const LIMITER_LOCKS = 4_281_734;

/**
 * The look-up limiter's entries in one table shared by every instance. Each change reads, changes
 * and writes a user's entry in one transaction under a per-user lock, so look-ups of one user on
 * two instances at once are counted one after the other: none is lost, none slips past the limit.
 */
export class PgLimiterStateStore implements LimiterStateStore {
  constructor(private readonly pool: Pool) {}

  change<T>(user: string, change: (entry: LimiterEntry | undefined) => { entry: LimiterEntry; result: T }): Promise<T> {
    return inTransaction(this.pool, async (client) => {
      // A lock on the key, not on the row: it holds also while the user has no row yet.
      await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [LIMITER_LOCKS, user]);
      const { rows } = await client.query<{ entry: LimiterEntry }>(
        "SELECT entry FROM lookup_limits WHERE user_key = $1",
        [user],
      );
      const changed = change(rows[0]?.entry);
      await client.query(
        `INSERT INTO lookup_limits (user_key, entry, keep_until) VALUES ($1, $2, to_timestamp($3 / 1000.0))
         ON CONFLICT (user_key) DO UPDATE SET entry = $2, keep_until = to_timestamp($3 / 1000.0)`,
        [user, changed.entry, changed.entry.keepUntil],
      );
      return changed.result;
    });
  }

  async prune(now: Date): Promise<void> {
    await this.pool.query("DELETE FROM lookup_limits WHERE keep_until < $1", [now]);
  }
}
