import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "../env";
import { embeddedDatabaseUrl } from "./embedded";
import * as schema from "./schema";

export const databaseUrl = env.DATABASE_URL ?? embeddedDatabaseUrl();

function createClient() {
  // postgres.js connects lazily, so importing this module never blocks on the database.
  const sql = postgres(databaseUrl, { max: 10, onnotice: () => {}, idle_timeout: 30 });
  return drizzle(sql, { schema });
}

// One pool per process; dev-mode module reloads reuse it instead of leaking connections.
const globalForDb = globalThis as unknown as { specwrightDb?: ReturnType<typeof createClient> };
export const db = (globalForDb.specwrightDb ??= createClient());

export type Db = typeof db;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Use-cases accept either, so a caller can compose them inside one transaction. */
export type DbOrTx = Db | Tx;

export { schema };
