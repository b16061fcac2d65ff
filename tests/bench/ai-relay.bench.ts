// AI relay overhead: first token from the provider (a local server speaking OpenAI's wire format) to the SSE reader, and the whole generation as a ratio to the provider's own time.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";

const RUNS = 50;
process.env.LOG_LEVEL ??= "warn";

const { startTestPostgres, prepareTemplateDatabase } = await import("../support/postgres");
const { createDatabaseFromTemplate } = await import("../support/databases");
const server = await startTestPostgres();
await prepareTemplateDatabase(server);
// lib/env.ts reads the environment once, at its first import: everything from lib/ comes after this.
process.env.DATABASE_URL = await createDatabaseFromTemplate(server, `bench_${randomUUID().replaceAll("-", "")}`);

const { db, databaseUrl } = await import("../../lib/db/client");
const { signUp } = await import("../../lib/auth/accounts");
const { createProviderConfig } = await import("../../lib/ai/provider-configs");
const { startGeneration } = await import("../../lib/ai/generation");
const { generationEventStream } = await import("../../lib/ai/relay");
const { startGenerationQueue } = await import("../../lib/ai/worker");
const { createProject } = await import("../../lib/projects");
const { startFakeAiServer } = await import("../support/fake-ai-server");
const { readStageFixture } = await import("../../seeds/demo/load");

const now = () => performance.timeOrigin + performance.now();
const fake = await startFakeAiServer();
const user = await signUp(db, { name: "Bench", email: `bench-${randomUUID().slice(0, 8)}@example.com`, password: "benchmark password" });
await createProviderConfig(db, user.id, { provider: "custom", label: "Fake", apiKey: "", defaultModel: "bench-model", baseUrl: `${fake.url}/v1` });
const project = await createProject(db, user.id, { name: "Relay bench" });
const ref = { userId: user.id, projectId: project.id, stageNumber: 1 };
const queue = await startGenerationQueue(db, { databaseUrl, timeoutMs: 60_000, staleAfterMs: 60_000 });

// The same SSE stream the route handler returns, served over loopback HTTP to a streaming reader.
const sse = createServer(async (request, response) => {
  const abort = new AbortController();
  request.on("close", () => abort.abort());
  const stream = await generationEventStream(ref, abort.signal);
  response.writeHead(200, { "content-type": "text/event-stream" });
  Readable.fromWeb(stream as NodeReadableStream<Uint8Array>).pipe(response);
});
await new Promise<void>((resolve) => sse.listen(0, "127.0.0.1", resolve));
const sseUrl = `http://127.0.0.1:${(sse.address() as AddressInfo).port}/`;

async function readUntilDone(): Promise<{ firstDeltaAt: number | null; doneAt: number }> {
  const response = await fetch(sseUrl);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let firstDeltaAt: number | null = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return { firstDeltaAt, doneAt: now() };
    buffer += value;
    if (firstDeltaAt === null && buffer.includes("event: delta")) firstDeltaAt = now();
    if (/event: status\ndata: \{[^\n]*"status":"(done|failed|timeout|cancelled)"/.test(buffer)) {
      await reader.cancel();
      return { firstDeltaAt, doneAt: now() };
    }
  }
}

const text = readStageFixture(1);
const firstToken: number[] = [];
const ratios: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  fake.enqueue({ kind: "text", text, chunkDelayMs: 20 });
  const startedAt = now();
  await startGeneration(db, ref, queue.enqueue);
  const { firstDeltaAt, doneAt } = await readUntilDone();
  const request = fake.requests.at(-1)!;
  if (firstDeltaAt === null || request.firstTokenAt === undefined || request.finishedAt === undefined) throw new Error(`run ${run}: no token relayed`);
  firstToken.push(firstDeltaAt - request.firstTokenAt);
  ratios.push((doneAt - startedAt) / (request.finishedAt - request.receivedAt));
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;
console.log(`AI relay, ${RUNS} generations of a ${text.length}-character stage through the real OpenAI SDK, NOTIFY and SSE:`);
console.log(`  first token, provider → SSE reader: median ${percentile(firstToken, 50).toFixed(1)} ms, p95 ${percentile(firstToken, 95).toFixed(1)} ms`);
console.log(`  whole generation / provider's own time: median ×${percentile(ratios, 50).toFixed(2)}, p95 ×${percentile(ratios, 95).toFixed(2)}`);
console.log("  (the whole generation includes queueing in Postgres, validation, the ledger row and the new version)");

sse.close();
await queue.stop();
await fake.close();
await db.$client.end();
await server.stop();
