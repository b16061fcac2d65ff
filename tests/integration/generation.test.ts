// AI generation end to end with the real SDKs against a local server speaking the providers' wire formats: drafts, repair, the ledger, failures, budget, double submit, cancel and recovery after a killed worker.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { cancelGeneration, getGenerationState, recoverStuckGenerations, startGeneration } from "@/lib/ai/generation";
import { createProviderConfig, listProviderConfigs } from "@/lib/ai/provider-configs";
import { setMonthlyBudget } from "@/lib/ai/usage";
import { startGenerationQueue, type GenerationQueue } from "@/lib/ai/worker";
import { db, databaseUrl } from "@/lib/db/client";
import { aiGenerations, stageOutputs, stages } from "@/lib/db/schema";
import { createProject } from "@/lib/projects";
import { approveStage, saveStageOutput } from "@/lib/stages";
import { readStageFixture } from "@/seeds/demo/load";
import { startFakeAiServer, type FakeAiServer } from "../support/fake-ai-server";
import { createUser } from "../support/factories";

const TIMEOUT_MS = 1500;
let fake: FakeAiServer;
let queue: GenerationQueue;
let logged: string[] = [];

beforeAll(async () => {
  fake = await startFakeAiServer();
  queue = await startGenerationQueue(db, { databaseUrl, timeoutMs: TIMEOUT_MS, staleAfterMs: 60_000 });
  // Every line the product logs during these tests, to prove keys never reach them.
  for (const method of ["log", "error", "warn", "info"] as const) {
    const original = console[method];
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(" "));
      original(...args);
    });
  }
});

afterAll(async () => {
  await queue?.stop();
  await fake?.close();
  vi.restoreAllMocks();
});

beforeEach(() => {
  logged = [];
});

type Setup = { userId: string; projectId: string; apiKey: string; ref: (n: number) => { userId: string; projectId: string; stageNumber: number } };

async function setup(provider: "anthropic" | "openai" | "custom", model: string): Promise<Setup> {
  const user = await createUser();
  const apiKey = `sk-canary-${randomUUID()}`;
  await createProviderConfig(db, user.id, { provider, label: `${provider} test`, apiKey, defaultModel: model, baseUrl: provider === "anthropic" ? fake.url : `${fake.url}/v1` });
  const project = await createProject(db, user.id, { name: `Gen ${randomUUID().slice(0, 6)}` });
  return { userId: user.id, projectId: project.id, apiKey, ref: (stageNumber) => ({ userId: user.id, projectId: project.id, stageNumber }) };
}

async function waitForEnd(ref: Setup["ref"] extends (n: number) => infer R ? R : never) {
  for (let tries = 0; tries < 200; tries += 1) {
    const state = await getGenerationState(db, ref);
    if (state && ["done", "failed", "cancelled", "timeout"].includes(state.status)) return state;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("generation did not finish");
}

async function waitForStatus(ref: Parameters<typeof getGenerationState>[1], status: string) {
  for (let tries = 0; tries < 200; tries += 1) {
    if ((await getGenerationState(db, ref))?.status === status) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`never reached ${status}`);
}

const stageRow = async (projectId: string, stageNumber: number) => (await db.select().from(stages).where(and(eq(stages.projectId, projectId), eq(stages.stageNumber, stageNumber))))[0]!;
const ledgerOf = async (projectId: string) =>
  db
    .select()
    .from(aiGenerations)
    .where(sql`${aiGenerations.stageId} in (select id from stages where project_id = ${projectId})`)
    .orderBy(aiGenerations.createdAt);

describe("drafting a stage", () => {
  it("streams a valid draft into a new AI version and books its exact tokens and cost (Anthropic)", async () => {
    const s = await setup("anthropic", "claude-sonnet-4-5-20250929");
    fake.enqueue({ kind: "text", text: readStageFixture(1), inputTokens: 1200, outputTokens: 800 });
    const started = await startGeneration(db, s.ref(1), queue.enqueue);
    expect(started.alreadyRunning).toBe(false);
    expect((await stageRow(s.projectId, 1)).status).toBe("generating");
    const end = await waitForEnd(s.ref(1));
    expect(end).toMatchObject({ status: "done", outputVersion: 1 });

    const [output] = await db.select().from(stageOutputs).where(eq(stageOutputs.stageId, (await stageRow(s.projectId, 1)).id));
    const [row] = await ledgerOf(s.projectId);
    expect(output).toMatchObject({ version: 1, generatedBy: "ai", aiGenerationId: row!.id, content: readStageFixture(1).trim() + "\n" });
    expect(row).toMatchObject({ status: "success", model: "claude-sonnet-4-5-20250929", promptTemplate: "stage.vision.v1", inputTokens: 1200, outputTokens: 800, totalTokens: 2000, estimatedCost: "0.015600" });
    expect((await stageRow(s.projectId, 1)).status).toBe("review");
    const request = fake.requests.at(-1)!;
    expect(request.path).toBe("/v1/messages");
    expect(JSON.stringify(request.body)).toContain("Vision & Problem");
  });

  it("sends an invalid draft back once with the validator's messages, then saves the repair (OpenAI, JSON stage)", async () => {
    const s = await setup("openai", "gpt-4o-mini");
    await saveStageOutput(db, s.ref(1), { content: readStageFixture(1) });
    await approveStage(db, s.ref(1));
    const broken = JSON.parse(readStageFixture(2)) as { personas: { id: string }[] };
    broken.personas[1]!.id = broken.personas[0]!.id;
    fake.enqueue({ kind: "text", text: JSON.stringify(broken), inputTokens: 2000, outputTokens: 500 }, { kind: "text", text: readStageFixture(2), inputTokens: 2600, outputTokens: 520 });
    await startGeneration(db, s.ref(2), queue.enqueue);
    expect(await waitForEnd(s.ref(2))).toMatchObject({ status: "done", outputVersion: 1 });

    const ledger = await ledgerOf(s.projectId);
    expect(ledger.map((row) => [row.promptTemplate, row.status, row.inputTokens, row.outputTokens, row.estimatedCost])).toEqual([
      ["stage.users.v1", "success", 2000, 500, "0.000600"],
      ["stage.users.repair.v1", "success", 2600, 520, "0.000702"],
    ]);
    const [first, repair] = fake.requests.slice(-2);
    expect((first!.body as { response_format?: unknown }).response_format).toEqual({ type: "json_object" });
    expect(JSON.stringify(repair!.body)).toContain("is used more than once");
  });

  it.each([
    [{ kind: "status", status: 401 } as const, "error", /API key/i],
    [{ kind: "status", status: 429 } as const, "error", /rate/i],
    [{ kind: "status", status: 500 } as const, "error", /server|provider/i],
    [{ kind: "malformed" } as const, "error", /.+/],
    [{ kind: "hang" } as const, "timeout", /did not finish within 2 s/],
  ])("records %j as one %s row and puts the stage back, with no version and no key in any message", async (reply, status, message) => {
    const s = await setup("custom", "llama3.1:8b");
    fake.enqueue(reply);
    await startGeneration(db, s.ref(1), queue.enqueue);
    const end = await waitForEnd(s.ref(1));
    expect(end.status).toBe(status === "timeout" ? "timeout" : "failed");
    expect(end.error).toMatch(message);
    const ledger = await ledgerOf(s.projectId);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ status, estimatedCost: "0.000000" });
    expect(ledger[0]!.errorMessage).toMatch(message);
    expect((await stageRow(s.projectId, 1)).status).toBe("active");
    expect(await db.$count(stageOutputs, eq(stageOutputs.stageId, (await stageRow(s.projectId, 1)).id))).toBe(0);
    expect(JSON.stringify([end, ledger, logged])).not.toContain(s.apiKey);
  });
});

describe("guards", () => {
  it("never stores, returns or logs the API key in clear: a full scan of the database finds only ciphertext", async () => {
    const s = await setup("openai", "gpt-4o");
    fake.enqueue({ kind: "status", status: 401 });
    await startGeneration(db, s.ref(1), queue.enqueue);
    await waitForEnd(s.ref(1));
    expect(JSON.stringify(await listProviderConfigs(db, s.userId))).not.toContain(s.apiKey);
    // A pg_dump's data, table by table: every row as text.
    const tables = (await db.execute(sql`select table_schema, table_name from information_schema.tables where table_schema in ('public', 'pgboss') and table_type = 'BASE TABLE'`)) as unknown as { table_schema: string; table_name: string }[];
    for (const table of tables) {
      const [hit] = (await db.execute(sql.raw(`select count(*)::int as n from "${table.table_schema}"."${table.table_name}" t where t::text like '%${s.apiKey}%'`))) as unknown as { n: number }[];
      expect(hit!.n, `${table.table_schema}.${table.table_name}`).toBe(0);
    }
    expect(logged.join("\n")).not.toContain(s.apiKey);
    expect(fake.requests.at(-1)!.headers.authorization).toBe(`Bearer ${s.apiKey}`);
  });

  it("refuses to generate once the monthly budget is spent, and calls nothing", async () => {
    const s = await setup("anthropic", "claude-sonnet-4-5");
    fake.enqueue({ kind: "text", text: readStageFixture(1), inputTokens: 10_000, outputTokens: 10_000 });
    await startGeneration(db, s.ref(1), queue.enqueue);
    await waitForEnd(s.ref(1));
    await setMonthlyBudget(db, s.userId, { monthlyBudgetUsd: "0.10" });
    const requestsBefore = fake.requests.length;
    await expect(startGeneration(db, s.ref(1), queue.enqueue)).rejects.toMatchObject({ status: 402, message: expect.stringContaining("budget of $0.10 is spent") });
    expect(fake.requests.length).toBe(requestsBefore);
    expect((await stageRow(s.projectId, 1)).status).toBe("review");
  });

  it("starts one generation for a double submit", async () => {
    const s = await setup("custom", "qwen2.5");
    fake.enqueue({ kind: "text", text: readStageFixture(1), chunkDelayMs: 50 });
    const [a, b] = await Promise.all([startGeneration(db, s.ref(1), queue.enqueue), startGeneration(db, s.ref(1), queue.enqueue)]);
    expect(a.jobId).toBe(b.jobId);
    expect([a.alreadyRunning, b.alreadyRunning].sort()).toEqual([false, true]);
    await waitForEnd(s.ref(1));
    expect(await ledgerOf(s.projectId)).toHaveLength(1);
  });

  it("cancels a running draft: the stage goes back and the call is booked", async () => {
    const s = await setup("custom", "qwen2.5");
    fake.enqueue({ kind: "hang" });
    await startGeneration(db, s.ref(1), queue.enqueue);
    await waitForStatus(s.ref(1), "streaming");
    await cancelGeneration(db, s.ref(1));
    expect((await stageRow(s.projectId, 1)).status).toBe("active");
    await expect(cancelGeneration(db, s.ref(1))).rejects.toMatchObject({ status: 409 });
    await vi.waitFor(async () => expect(await ledgerOf(s.projectId)).toMatchObject([{ status: "error", errorMessage: "Cancelled." }]), { timeout: 3000 });
  });

  it("refuses without a provider, and for a locked stage", async () => {
    const user = await createUser();
    const project = await createProject(db, user.id, { name: "No AI" });
    await expect(startGeneration(db, { userId: user.id, projectId: project.id, stageNumber: 1 }, queue.enqueue)).rejects.toMatchObject({ status: 409, message: expect.stringContaining("Add an AI provider") });
    const s = await setup("custom", "m");
    await expect(startGeneration(db, s.ref(2), queue.enqueue)).rejects.toMatchObject({ status: 409, message: expect.stringContaining("locked") });
  });
});

describe("a worker killed mid-generation", () => {
  it("leaves a queued draft alone (it waits for a worker across restarts) until it has waited too long", async () => {
    const s = await setup("custom", "m");
    // Queued but never handed to a worker, as when every instance is down.
    await startGeneration(db, s.ref(1), async () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(recoverStuckGenerations(db, { staleAfterMs: 100, queuedForMs: 60_000 })).resolves.toBe(0);
    expect((await stageRow(s.projectId, 1)).status).toBe("generating");
    await expect(recoverStuckGenerations(db, { staleAfterMs: 100, queuedForMs: 200 })).resolves.toBe(1);
    expect(await getGenerationState(db, s.ref(1))).toMatchObject({ status: "failed", error: expect.stringContaining("waited too long") });
    expect((await stageRow(s.projectId, 1)).status).toBe("active");
  });

  it("leaves no stage stuck in generating: recovery puts it back within the stale window", async () => {
    const s = await setup("custom", "m");
    await queue.stop();
    const enqueueOnly = await startGenerationQueue(db, { databaseUrl, timeoutMs: 600_000, staleAfterMs: 600_000, work: false });
    const child = spawn("npx", ["tsx", "tests/support/generation-worker-process.ts"], { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" }, stdio: ["ignore", "pipe", "inherit"], detached: true });
    // npx → tsx → node: kill the whole process group, as a crash would.
    const killWorker = () => child.pid && process.kill(-child.pid, "SIGKILL");
    try {
      await new Promise<void>((resolve) => child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("worker ready") && resolve()));
      fake.enqueue({ kind: "hang" });
      await startGeneration(db, s.ref(1), enqueueOnly.enqueue);
      await waitForStatus(s.ref(1), "streaming");
      killWorker();
      expect((await stageRow(s.projectId, 1)).status).toBe("generating");

      await new Promise((resolve) => setTimeout(resolve, 600));
      await expect(recoverStuckGenerations(db, { staleAfterMs: 500, queuedForMs: 60_000 })).resolves.toBe(1);
      expect((await stageRow(s.projectId, 1)).status).toBe("active");
      expect(await getGenerationState(db, s.ref(1))).toMatchObject({ status: "failed", error: expect.stringContaining("stopped") });
    } finally {
      try {
        killWorker();
      } catch {
        // Already gone.
      }
      await enqueueOnly.stop();
      queue = await startGenerationQueue(db, { databaseUrl, timeoutMs: TIMEOUT_MS, staleAfterMs: 60_000 });
    }
  });
});
