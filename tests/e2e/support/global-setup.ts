import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { withDatabase } from "../../support/databases";
import { freePort, startTestPostgres } from "../../support/postgres";
import postgres from "postgres";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
  }
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/**
 * The app as users run it: `next build` then `next start` in production mode, on its own
 * database and data folder. E2E_SKIP_BUILD=1 reuses an existing .next build.
 */
export default async function setup(project: TestProject) {
  const root = project.config.root;
  if (process.env.E2E_SKIP_BUILD !== "1") {
    const build = spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const server = await startTestPostgres();
  const admin = postgres(server.url("postgres"), { max: 1, onnotice: () => {} });
  await admin.unsafe("drop database if exists specwright_e2e with (force)");
  await admin.unsafe("create database specwright_e2e");
  await admin.end();
  const databaseUrl = withDatabase(server.url("postgres"), "specwright_e2e");

  const dataDir = await mkdtemp(path.join(tmpdir(), "specwright-e2e-"));
  const port = await freePort();
  const app = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      APP_SECRET: randomBytes(32).toString("base64url"),
      ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      LOG_LEVEL: "warn",
    },
    detached: true,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(`${baseUrl}/sign-in`, app, 120_000);
  project.provide("baseUrl", baseUrl);
  project.provide("databaseUrl", databaseUrl);

  return async () => {
    if (app.pid) process.kill(-app.pid, "SIGTERM");
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
