import type { Pool } from "pg";
import type { PostedListRepository } from "../../domain/catalog/posted-list-repository.ts";
import type { PostedList } from "../../domain/catalog/schema.ts";

/** Posted lists staff uploaded, one row per commune; every instance reads them. */
export class PgPostedListRepository implements PostedListRepository {
  constructor(private readonly pool: Pool) {}

  async all(): Promise<PostedList[]> {
    const { rows } = await this.pool.query<{ list: PostedList }>("SELECT list FROM posted_lists ORDER BY commune_code");
    return rows.map((r) => r.list);
  }

  async set(list: PostedList): Promise<void> {
    await this.pool.query(
      "INSERT INTO posted_lists (commune_code, list) VALUES ($1, $2) ON CONFLICT (commune_code) DO UPDATE SET list = $2",
      [list.commune, list],
    );
  }
}
