import type { Pool } from "pg";
import type { CenterUpdate, CenterUpdateRepository } from "../../domain/communes/center-update.ts";

/** Center changes made by staff, one row per commune; data/ is never touched. */
export class PgCenterUpdateRepository implements CenterUpdateRepository {
  constructor(private readonly pool: Pool) {}

  async all(): Promise<Record<string, CenterUpdate>> {
    const { rows } = await this.pool.query<{ commune_code: string; change: CenterUpdate }>(
      "SELECT commune_code, change FROM center_updates",
    );
    return Object.fromEntries(rows.map((r) => [r.commune_code, r.change]));
  }

  async set(communeCode: string, update: CenterUpdate): Promise<void> {
    await this.pool.query(
      "INSERT INTO center_updates (commune_code, change) VALUES ($1, $2) ON CONFLICT (commune_code) DO UPDATE SET change = $2",
      [communeCode, update],
    );
  }
}
