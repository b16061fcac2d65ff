import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { startEmbeddedCluster } from "../../lib/db/embedded";
import { runMigrations } from "../../lib/db/migrate";
import * as schema from "../../lib/db/schema";
import { seedBuiltInTemplates } from "../../lib/templates/seed";
import { admin, TEMPLATE_DATABASE, withDatabase, type TestServer } from "./databases";


export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function dockerReachable(): boolean {
  return Boolean(process.env.DOCKER_HOST) || existsSync("/var/run/docker.sock");
}

/**
 * The server tests run against: DATABASE_URL when set; otherwise testcontainers' PostgreSQL when
 * a Docker engine is reachable; otherwise an embedded cluster in a temporary folder.
 */
export async function startTestPostgres(): Promise<TestServer> {
  if (process.env.DATABASE_URL) {
    const base = process.env.DATABASE_URL;
    return { url: (database) => withDatabase(base, database), stop: async () => {} };
  }
  if (dockerReachable() && process.env.SPECWRIGHT_TEST_NO_DOCKER !== "1") {
    try {
      const { PostgreSqlContainer } = await import("@testcontainers/postgresql");
      const container = await new PostgreSqlContainer("postgres:16-alpine").start();
      const base = container.getConnectionUri();
      return { url: (database) => withDatabase(base, database), stop: async () => void (await container.stop()) };
    } catch {
      // A socket without a working engine: fall through to the embedded cluster.
    }
  }
  const directory = await mkdtemp(path.join(tmpdir(), "specwright-pg-"));
  // mkdtemp makes the folder private; the `postgres` user that runs the server must reach it.
  await chmod(directory, 0o755);
  const cluster = await startEmbeddedCluster(path.join(directory, "data"), await freePort());
  return {
    url: cluster.url,
    stop: async () => {
      await cluster.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** Builds the migrated, seeded database every test database is copied from. */
export async function prepareTemplateDatabase(server: TestServer): Promise<void> {
  await admin(server, async (sql) => {
    await sql.unsafe(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
    await sql.unsafe(`create database ${TEMPLATE_DATABASE}`);
  });
  const url = server.url(TEMPLATE_DATABASE);
  await runMigrations(url);
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await seedBuiltInTemplates(drizzle(client, { schema }));
  } finally {
    await client.end();
  }
}

