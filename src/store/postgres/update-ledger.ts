import type { Pool } from "pg";
import type { LedgerOutcome, UpdateLedger } from "../bot-storage.ts";
import { inTransaction } from "./transaction.ts";

/** First key of the advisory locks taken per chat (the second is the chat's hash). */
const CHAT_LOCK = 4_281_734;

/**
 * Updates handled, in `handled_updates`, and one chat at a time across instances: an update is
 * handled inside a transaction that holds a lock on its chat (pg_advisory_xact_lock), checks the
 * update was not handled, and records it with its webhook answer when done. A crash mid-update
 * rolls the record back and frees the lock, so Telegram's re-sent copy is handled then. The locks
 * hold connections of their own pool: handlers use the store's pool, so waiting for a lock never
 * starves them.
 */
export class PgUpdateLedger implements UpdateLedger {
  constructor(private readonly locks: Pool) {}

  handleOnce(
    updateId: number,
    chatKey: string | undefined,
    handle: () => Promise<string | undefined>,
  ): Promise<LedgerOutcome> {
    return inTransaction(this.locks, async (client) => {
      if (chatKey !== undefined)
        await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [CHAT_LOCK, chatKey]);
      const seen = await client.query<{ answer: string | null }>(
        "SELECT answer FROM handled_updates WHERE update_id = $1",
        [updateId],
      );
      const before = seen.rows[0];
      if (before) return { duplicate: true, answer: before.answer ?? undefined };
      const answer = await handle();
      await client.query("INSERT INTO handled_updates (update_id, answer) VALUES ($1, $2)", [updateId, answer ?? null]);
      return { duplicate: false };
    });
  }

  async prune(before: Date): Promise<void> {
    await this.locks.query("DELETE FROM handled_updates WHERE handled_at < $1", [before.toISOString()]);
  }
}
