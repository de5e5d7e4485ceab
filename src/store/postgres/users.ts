import type { Pool } from "pg";
import type { UserRepository } from "../../domain/users/repository.ts";
import type { UserProfile } from "../../domain/users/user-profile.ts";
import { inTransaction } from "./transaction.ts";

/** Profiles in the `users` table, one row per Telegram user. */
export class PgUserRepository implements UserRepository {
  constructor(private readonly pool: Pool) {}

  async get(userId: number): Promise<UserProfile | undefined> {
    const { rows } = await this.pool.query<{ profile: UserProfile }>("SELECT profile FROM users WHERE id = $1", [
      userId,
    ]);
    return rows[0]?.profile;
  }

  async update(userId: number, patch: Partial<UserProfile>): Promise<UserProfile> {
    // Merged here rather than with jsonb ||, so that a field set to undefined goes, as in lowdb.
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ profile: UserProfile }>(
        "SELECT profile FROM users WHERE id = $1 FOR UPDATE",
        [userId],
      );
      const profile = JSON.parse(JSON.stringify({ ...rows[0]?.profile, ...patch })) as UserProfile;
      await client.query(
        "INSERT INTO users (id, profile) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET profile = $2",
        [userId, profile],
      );
      return profile;
    });
  }

  async *all(): AsyncIterable<{ id: number; profile: UserProfile }> {
    const { rows } = await this.pool.query<{ id: number; profile: UserProfile }>(
      "SELECT id, profile FROM users ORDER BY id",
    );
    yield* rows;
  }

  async noticeAudience(communeCode: string, oldUnitCodes?: readonly string[]): Promise<number[]> {
    const old = oldUnitCodes && oldUnitCodes.length > 0 ? [...oldUnitCodes] : null;
    const { rows } = await this.pool.query<{ id: number }>(
      `SELECT id FROM users WHERE profile->>'communeCode' = $1 AND (profile->>'notices')::boolean
         AND NOT coalesce((profile->>'inactive')::boolean, false)
         AND ($2::text[] IS NULL OR profile->>'oldUnitCode' = ANY($2)) ORDER BY id`,
      [communeCode, old],
    );
    return rows.map((r) => r.id);
  }
}
