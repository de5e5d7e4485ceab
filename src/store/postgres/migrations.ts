import type { Pool } from "pg";
import { inTransaction } from "./transaction.ts";

/**
 * The schema, one version after another. A version once released is never edited: a change is
 * a new version. Every look-up path has its index.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: "the embedded store's state, one table per kind",
    sql: `
      CREATE TABLE users (id bigint PRIMARY KEY, profile jsonb NOT NULL);
      CREATE INDEX users_by_commune ON users ((profile->>'communeCode'));
      CREATE TABLE staff_grants (
        user_id bigint NOT NULL, commune_code text NOT NULL, granted_by bigint NOT NULL, granted_at text NOT NULL,
        seq bigserial, PRIMARY KEY (user_id, commune_code));
      CREATE TABLE notices (id text PRIMARY KEY, commune_code text NOT NULL, status text NOT NULL, seq bigserial, notice jsonb NOT NULL);
      CREATE INDEX notices_by_commune ON notices (commune_code, seq DESC);
      CREATE INDEX notices_sending ON notices (status) WHERE status = 'sending';
      CREATE TABLE notice_recipients (notice_id text PRIMARY KEY, chat_ids jsonb NOT NULL);
      CREATE TABLE notice_deliveries (id bigserial PRIMARY KEY, notice_id text NOT NULL, entry jsonb NOT NULL);
      CREATE INDEX notice_deliveries_by_notice ON notice_deliveries (notice_id, id);
      CREATE TABLE center_updates (commune_code text PRIMARY KEY, change jsonb NOT NULL);
      CREATE TABLE dossiers (code text PRIMARY KEY, dossier jsonb NOT NULL);
      CREATE TABLE dossier_followers (code text NOT NULL, chat_id bigint NOT NULL, locale text NOT NULL, seq bigserial, PRIMARY KEY (code, chat_id));
      CREATE TABLE dossier_outbox (id text PRIMARY KEY, seq bigserial, notification jsonb NOT NULL);
      CREATE INDEX dossier_outbox_in_order ON dossier_outbox (seq);
      CREATE TABLE conversations (key text PRIMARY KEY, state jsonb NOT NULL);
      CREATE TABLE audit_log (id bigserial PRIMARY KEY, at timestamptz NOT NULL, entry jsonb NOT NULL);
      CREATE TABLE lookup_log (id bigserial PRIMARY KEY, at timestamptz NOT NULL, entry jsonb NOT NULL);
      CREATE TABLE event_log (id bigserial PRIMARY KEY, at timestamptz NOT NULL, entry jsonb NOT NULL);
      -- Reading since a date and pruning by age both go by "at".
      CREATE INDEX audit_log_by_time ON audit_log (at);
      CREATE INDEX lookup_log_by_time ON lookup_log (at);
      CREATE INDEX event_log_by_time ON event_log (at);
    `,
  },
  {
    version: 2,
    name: "updates handled, to recognise one Telegram sends again",
    sql: `
      CREATE TABLE handled_updates (update_id bigint PRIMARY KEY, handled_at timestamptz NOT NULL DEFAULT now());
      CREATE INDEX handled_updates_by_time ON handled_updates (handled_at);
    `,
  },
  {
    version: 3,
    name: "one pace for the broadcasts of all instances",
    sql: `
      CREATE TABLE broadcast_pace (id int PRIMARY KEY, next_at timestamptz NOT NULL);
      INSERT INTO broadcast_pace (id, next_at) VALUES (1, now());
    `,
  },
  {
    version: 4,
    name: "the webhook answer of each handled update",
    sql: "ALTER TABLE handled_updates ADD COLUMN answer text;",
  },
  {
    version: 5,
    name: "the look-up limiter's counts, shared by instances and kept across restarts",
    sql: `
      CREATE TABLE lookup_limits (user_key text PRIMARY KEY, entry jsonb NOT NULL, keep_until timestamptz NOT NULL);
      CREATE INDEX lookup_limits_by_age ON lookup_limits (keep_until);
    `,
  },
  {
    version: 6,
    name: "a queued dossier notification is claimed by one instance at a time",
    sql: "ALTER TABLE dossier_outbox ADD COLUMN claimed_until timestamptz;",
  },
  {
    version: 7,
    name: "the lists centers post, uploaded by their staff",
    sql: "CREATE TABLE posted_lists (commune_code text PRIMARY KEY, list jsonb NOT NULL);",
  },
];

/** Any fixed number: instances starting at once take turns to migrate. */
const MIGRATION_LOCK = 4_281_733;

/**
 * Brings the schema to the latest version, in one transaction, under an advisory lock so that
 * several instances starting together do not migrate twice. Returns the versions applied.
 */
export function migrate(pool: Pool): Promise<number[]> {
  return inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const { rows } = await client.query<{ version: number }>("SELECT version FROM schema_migrations");
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of MIGRATIONS.filter((m) => !done.has(m.version))) {
      await client.query(m.sql);
      await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
