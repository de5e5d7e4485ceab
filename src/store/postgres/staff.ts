import type { Pool } from "pg";
import type { StaffRepository } from "../../domain/staff/repository.ts";
import type { StaffGrant } from "../../domain/staff/staff-grant.ts";

const COLUMNS = `user_id AS "userId", commune_code AS "communeCode", granted_by AS "grantedBy", granted_at AS "grantedAt"`;

/** Staff grants in the `staff_grants` table. Administrators come from ADMIN_IDS, not from here. */
export class PgStaffRepository implements StaffRepository {
  constructor(private readonly pool: Pool) {}

  async grant(g: StaffGrant): Promise<void> {
    // A grant given again moves to the end, as a new one would.
    await this.pool.query(
      `INSERT INTO staff_grants (user_id, commune_code, granted_by, granted_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, commune_code) DO UPDATE SET granted_by = $3, granted_at = $4, seq = nextval(pg_get_serial_sequence('staff_grants', 'seq'))`,
      [g.userId, g.communeCode, g.grantedBy, g.grantedAt],
    );
  }

  async revoke(userId: number, communeCode: string): Promise<boolean> {
    const { rowCount } = await this.pool.query("DELETE FROM staff_grants WHERE user_id = $1 AND commune_code = $2", [
      userId,
      communeCode,
    ]);
    return (rowCount ?? 0) > 0;
  }

  async communesOf(userId: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ communeCode: string }>(
      `SELECT commune_code AS "communeCode" FROM staff_grants WHERE user_id = $1 ORDER BY seq`,
      [userId],
    );
    return rows.map((r) => r.communeCode);
  }

  async list(): Promise<StaffGrant[]> {
    return (await this.pool.query<StaffGrant>(`SELECT ${COLUMNS} FROM staff_grants ORDER BY seq`)).rows;
  }
}
