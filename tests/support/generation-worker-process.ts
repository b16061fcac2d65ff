// A generation worker in its own process, so a test can kill it mid-job (kill -9) and watch recovery.
import { db, databaseUrl } from "../../lib/db/client";
import { startGenerationQueue } from "../../lib/ai/worker";

await startGenerationQueue(db, { databaseUrl, timeoutMs: 600_000, staleAfterMs: 600_000 });
process.stdout.write("worker ready\n");
