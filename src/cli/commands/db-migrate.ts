import pg from "pg";
import { migrate } from "../../store/postgres/migrations.ts";
import { UsageError } from "../usage-error.ts";

/**
 * `db migrate`: brings the PostgreSQL schema at DATABASE_URL to the latest version (the bot also
 * does it at start-up; this lets an operator do it first, e.g. before rolling out instances).
 */
export async function dbMigrateCommand(args: string[], config: { databaseUrl?: string }): Promise<number> {
  if (args.length > 0) throw new UsageError(`unexpected "${args.join(" ")}"`);
  if (!config.databaseUrl) throw new UsageError("DATABASE_URL is not set: the embedded store needs no migration");
  const pool = new pg.Pool({ connectionString: config.databaseUrl });
  try {
    const applied = await migrate(pool);
    process.stdout.write(
      applied.length > 0 ? `applied migrations ${applied.join(", ")}\n` : "the schema is up to date\n",
    );
    return 0;
  } finally {
    await pool.end();
  }
}
