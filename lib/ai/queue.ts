import { db, databaseUrl } from "../db/client";
import { env } from "../env";
import { startGenerationQueue, type GenerationQueue } from "./worker";

const STALE_AFTER_MS = 30_000;

// One queue (and worker) per server process, shared across dev-mode module reloads.
const globalForQueue = globalThis as unknown as { specwrightGenerationQueue?: Promise<GenerationQueue> };

/** The app's generation queue; the first call starts the worker in this process. */
export function generationQueue(): Promise<GenerationQueue> {
  globalForQueue.specwrightGenerationQueue ??= startGenerationQueue(db, { databaseUrl, timeoutMs: env.AI_TIMEOUT_SECONDS * 1000, staleAfterMs: STALE_AFTER_MS });
  return globalForQueue.specwrightGenerationQueue;
}
