import pg from "pg";

/** TEST_DATABASE_URL, when the PostgreSQL tests are to run (.ci/run sets it). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

let made = 0;

/**
 * A fresh, empty schema in the test database: the URL to reach it (as DATABASE_URL would be
 * set) and `drop` to remove it. Every test starts from nothing, and runs never see each other.
 */
export async function freshDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `motcua_test_${process.pid}_${Date.now()}_${made++}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set("options", `-c search_path=${schema}`);
  return {
    url: scoped.toString(),
    drop: async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}
