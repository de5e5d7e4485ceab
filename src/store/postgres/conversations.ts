import type { Pool } from "pg";
import type { ConversationStorage } from "../bot-storage.ts";

/** grammY conversation state, one row per chat; the row goes when the conversation ends. */
export function pgConversationStorage(pool: Pool): ConversationStorage {
  return {
    read: async (key) =>
      (await pool.query<{ state: unknown }>("SELECT state FROM conversations WHERE key = $1", [key])).rows[0]?.state,
    write: async (key, value) => {
      await pool.query(
        "INSERT INTO conversations (key, state) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET state = $2",
        [key, JSON.stringify(value)],
      );
    },
    delete: async (key) => {
      await pool.query("DELETE FROM conversations WHERE key = $1", [key]);
    },
    async *readAllKeys() {
      yield* (await pool.query<{ key: string }>("SELECT key FROM conversations ORDER BY key")).rows.map((r) => r.key);
    },
  };
}
