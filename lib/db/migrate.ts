import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

// Arbitrary, fixed key for pg_advisory_lock; shared by every process that migrates.
const MIGRATION_LOCK = 7_271_001;

/** Applies drizzle/ migrations once, even when the app and the MCP server start together. */
export async function runMigrations(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle(sql), { migrationsFolder: path.resolve(/* turbopackIgnore: true */ process.cwd(), "drizzle") });
    await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await sql.end();
  }
}
