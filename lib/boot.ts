import { db } from "./db/client";
import { ensureAppDatabase } from "./db/embedded";
import { runMigrations } from "./db/migrate";
import { log } from "./log";
import { getSecrets } from "./secrets";
import { seedBuiltInTemplates } from "./templates/seed";

const globalForBoot = globalThis as unknown as { specwrightBoot?: Promise<void> };

/**
 * Everything a process needs before serving: secrets present (production refuses to start
 * without them), the database reachable (embedded when DATABASE_URL is unset), migrations
 * applied and built-in templates seeded. Runs once per process.
 */
export function boot(): Promise<void> {
  globalForBoot.specwrightBoot ??= (async () => {
    getSecrets();
    const url = await ensureAppDatabase();
    await runMigrations(url);
    const seeded = await seedBuiltInTemplates(db);
    log.info(`Database ready (templates: ${seeded.inserted} added, ${seeded.updated} updated)`);
  })();
  return globalForBoot.specwrightBoot;
}
