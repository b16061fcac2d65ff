import postgres from "postgres";

// Imports nothing from lib/: the per-file setup must set DATABASE_URL before lib/env.ts is first read.

export const TEMPLATE_DATABASE = "specwright_test_template";

export type TestServer = {
  /** A URL for `database` on the same server. */
  url: (database: string) => string;
  stop: () => Promise<void>;
};

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function admin<T>(server: Pick<TestServer, "url">, run: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(server.url("postgres"), { max: 1, onnotice: () => {} });
  try {
    return await run(sql);
  } finally {
    await sql.end();
  }
}

/** A fresh copy of the template database: milliseconds, not a migration run. */
export async function createDatabaseFromTemplate(server: Pick<TestServer, "url">, name: string): Promise<string> {
  await admin(server, (sql) => sql.unsafe(`create database ${name} template ${TEMPLATE_DATABASE}`));
  return server.url(name);
}
