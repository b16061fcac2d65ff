import PgBoss from "pg-boss";
import type { Db } from "../db/client";
import { log } from "../log";
import { recoverStuckGenerations, runGenerationJob } from "./generation";

const QUEUE = "stage-generation";

export type GenerationWorkerOptions = {
  databaseUrl: string;
  /** A provider call that runs longer is cut off and recorded as a timeout. */
  timeoutMs: number;
  /** A running job whose heartbeat is older than this belongs to a dead worker. */
  staleAfterMs: number;
  /** False for processes that only enqueue (none today; tests use it to play a dead worker). */
  work?: boolean;
  /** Drafts this process runs at once; each waits mostly on its provider. */
  concurrency?: number;
};

// A queued job waits in Postgres across restarts; past this it is failed rather than run late.
const QUEUED_FOR_MS = 15 * 60_000;

export type GenerationQueue = { enqueue: (jobId: string) => Promise<void>; stop: () => Promise<void> };

/**
 * pg-boss dispatches generation jobs to whichever app instance polls first; the job's state lives
 * in generation_jobs, so any instance can show it, cancel it or recover it.
 */
export async function startGenerationQueue(db: Db, options: GenerationWorkerOptions): Promise<GenerationQueue> {
  const boss = new PgBoss({ connectionString: options.databaseUrl, max: 4 });
  boss.on("error", (error) => log.error("job queue", { error: error.message }));
  await boss.start();
  await boss.createQueue(QUEUE);

  let sweeper: NodeJS.Timeout | undefined;
  const workerIds: string[] = [];
  if (options.work !== false) {
    // pg-boss runs one job at a time per worker: several workers let drafts run side by side.
    for (let index = 0; index < (options.concurrency ?? 4); index += 1) {
      workerIds.push(
        await boss.work<{ jobId: string }>(QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
          if (job) await runGenerationJob(db, job.data.jobId, { timeoutMs: options.timeoutMs });
        }),
      );
    }
    const sweep = () =>
      recoverStuckGenerations(db, { staleAfterMs: options.staleAfterMs, queuedForMs: QUEUED_FOR_MS })
        .then((count) => count > 0 && log.warn(`Recovered ${count} generation(s) left running by a stopped worker`))
        .catch((error: unknown) => log.error("generation recovery", { error: String(error) }));
    await sweep();
    sweeper = setInterval(sweep, Math.max(1000, options.staleAfterMs / 2));
    sweeper.unref();
  }

  return {
    enqueue: async (jobId) => {
      // A job outlives a worker crash by at most its expiry; recovery resets the stage long before.
      await boss.send(QUEUE, { jobId }, { expireInSeconds: Math.ceil((options.timeoutMs * 2 + options.staleAfterMs) / 1000), retryLimit: 0 });
      // Wake this process's worker now rather than at its next poll; other instances still poll.
      for (const workerId of workerIds) boss.notifyWorker(workerId);
    },
    stop: async () => {
      clearInterval(sweeper);
      await boss.stop({ graceful: false, close: true, wait: true });
    },
  };
}
