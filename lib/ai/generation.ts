import { and, asc, desc, eq, inArray, lt, or, sql } from "drizzle-orm";
import { recordActivity } from "../activity";
import type { Db, DbOrTx } from "../db/client";
import { generationJobs, runningGenerationStatuses, stageOutputs, stages, type GenerationJobStatus } from "../db/schema";
import { AppError } from "../errors";
import { log } from "../log";
import { addStageVersion, definitionOf, loadStage, unparseableMessages, validateContent, validatorVariant, type StageRef } from "../stages/engine";
import { hasErrors, type StageValidation } from "../stages/validators";
import type { TemplateStageDefaults } from "../templates/schema";
import { recordProviderCall } from "./ledger";
import { buildRepairPrompt, buildStagePrompt, extractDocument, type BuiltPrompt } from "./prompts";
import { resolveConnection } from "./provider-configs";
import { ProviderError, streamCompletion } from "./providers";
import type { ProviderConnection } from "./types";
import { assertWithinBudget } from "./usage";

export const GENERATION_CHANNEL = "specwright_generation";
const MAX_OUTPUT_TOKENS = 16_000;
const FLUSH_INTERVAL_MS = 250;
const running = [...runningGenerationStatuses];

export type GenerationEvent =
  | { job: string; kind: "delta"; offset: number; text: string }
  | { job: string; kind: "status"; status: GenerationJobStatus; error?: string | null; version?: number | null };

export type GenerationState = { id: string; status: GenerationJobStatus; text: string; error: string | null; outputVersion: number | null; createdAt: Date };

async function publish(db: DbOrTx, event: GenerationEvent): Promise<void> {
  // NOTIFY payloads are capped at 8000 bytes; deltas are split by the caller.
  await db.execute(sql`select pg_notify(${GENERATION_CHANNEL}, ${JSON.stringify(event)})`);
}

/** The latest generation of the stage (running or finished), for a page that was reloaded. */
export async function getGenerationState(db: DbOrTx, ref: StageRef): Promise<GenerationState | null> {
  const { stage } = await loadStage(db, ref, false);
  const [job] = await db
    .select({ id: generationJobs.id, status: generationJobs.status, text: generationJobs.text, error: generationJobs.error, outputVersion: generationJobs.outputVersion, createdAt: generationJobs.createdAt })
    .from(generationJobs)
    .where(eq(generationJobs.stageId, stage.id))
    .orderBy(desc(generationJobs.createdAt))
    .limit(1);
  return job ?? null;
}

/**
 * Queues an AI draft of the stage. A second request while one runs returns the running one, so a
 * double click never starts two. Refused, with nothing called, without a provider or over budget.
 */
export async function startGeneration(db: Db, ref: StageRef, enqueue: (jobId: string) => Promise<void>): Promise<{ jobId: string; alreadyRunning: boolean }> {
  const resolved = await resolveConnection(db, ref.userId, ref.projectId);
  if (!resolved) throw new AppError("conflict", "Add an AI provider in Settings → AI providers before generating a draft.");
  await assertWithinBudget(db, ref.userId);

  const started = await db.transaction(async (tx) => {
    const { stage, project } = await loadStage(tx, ref, true);
    const [existing] = await tx.select({ id: generationJobs.id }).from(generationJobs).where(and(eq(generationJobs.stageId, stage.id), inArray(generationJobs.status, running)));
    if (existing) return { jobId: existing.id, alreadyRunning: true };
    if (stage.status !== "active" && stage.status !== "review") {
      throw new AppError("conflict", stage.status === "complete" ? `Cannot generate stage ${ref.stageNumber}: it is approved; reopen it first.` : `Cannot generate stage ${ref.stageNumber}: it is locked until stage ${ref.stageNumber - 1} is approved.`);
    }
    const [job] = await tx
      .insert(generationJobs)
      .values({ stageId: stage.id, projectId: project.id, userId: ref.userId, providerConfigId: resolved.configId, previousStatus: stage.status })
      .returning({ id: generationJobs.id });
    await tx.update(stages).set({ status: "generating", updatedAt: new Date() }).where(eq(stages.id, stage.id));
    await recordActivity(tx, { projectId: project.id, actorUserId: ref.userId, type: "generation.started", message: `Started an AI draft of ${stage.stageLabel} (${resolved.connection.model})`, metadata: { stage: ref.stageNumber } });
    return { jobId: job!.id, alreadyRunning: false };
  });
  if (!started.alreadyRunning) {
    try {
      await enqueue(started.jobId);
    } catch (error) {
      await finishFailed(db, started.jobId, "failed", "The generation could not be queued. Try again.");
      throw error;
    }
  }
  return started;
}

/** Ends a job that has not finished and puts its stage back where it was. */
async function finishFailed(db: Db, jobId: string, status: "failed" | "timeout" | "cancelled", error: string): Promise<boolean> {
  const finished = await db.transaction(async (tx) => {
    const [job] = await tx
      .update(generationJobs)
      .set({ status, error, updatedAt: new Date() })
      .where(and(eq(generationJobs.id, jobId), inArray(generationJobs.status, running)))
      .returning();
    if (!job) return false;
    await tx
      .update(stages)
      .set({ status: job.previousStatus, updatedAt: new Date() })
      .where(and(eq(stages.id, job.stageId), eq(stages.status, "generating")));
    await recordActivity(tx, { projectId: job.projectId, actorUserId: job.userId, type: `generation.${status}`, message: `AI draft ${status === "cancelled" ? "cancelled" : `ended: ${error}`}`, metadata: { job: jobId } });
    return true;
  });
  if (finished) await publish(db, { job: jobId, kind: "status", status, error });
  return finished;
}

export async function cancelGeneration(db: Db, ref: StageRef): Promise<void> {
  const { stage } = await loadStage(db, ref, false);
  const [job] = await db.select({ id: generationJobs.id }).from(generationJobs).where(and(eq(generationJobs.stageId, stage.id), inArray(generationJobs.status, running)));
  if (!job || !(await finishFailed(db, job.id, "cancelled", "Cancelled."))) {
    throw new AppError("conflict", `Stage ${ref.stageNumber} has no AI draft running.`);
  }
}

class GenerationFailure extends Error {
  constructor(
    readonly status: "failed" | "timeout" | "cancelled",
    message: string,
  ) {
    super(message);
  }
}

type JobContext = { jobId: string; ref: StageRef; stageId: string; stageLabel: string; configId: string; connection: ProviderConnection; variant: "cli" | undefined };

/** Streams one provider call into the job row and the NOTIFY channel, and books it in the ledger. */
async function callProvider(db: Db, context: JobContext, prompt: BuiltPrompt, timeoutMs: number): Promise<{ text: string; generationId: string }> {
  const controller = new AbortController();
  // Set from timers and the persist loop, read after the call: an object so the type stays wide.
  const ending: { outcome: "timeout" | "cancelled" | null } = { outcome: null };
  const timer = setTimeout(() => {
    ending.outcome = "timeout";
    controller.abort();
  }, timeoutMs);
  let text = "";
  let published = 0;
  let publishing: Promise<void> = Promise.resolve();
  const flushDeltas = () => {
    publishing = publishing
      .then(async () => {
        while (published < text.length) {
          const chunk = text.slice(published, published + 2000);
          const offset = published;
          published += chunk.length;
          await publish(db, { job: context.jobId, kind: "delta", offset, text: chunk });
        }
      })
      // Live deltas are best effort: the persisted text and the snapshot catch a reader up.
      .catch((error: unknown) => log.warn("generation delta not published", { job: context.jobId, error: String(error) }));
  };
  // Persist the text and a heartbeat now and then; a cancel from another request shows up here.
  const persist = setInterval(() => {
    db.update(generationJobs)
      .set({ text, heartbeatAt: new Date(), updatedAt: new Date() })
      .where(eq(generationJobs.id, context.jobId))
      .returning({ status: generationJobs.status })
      .then(([row]) => {
        if (row?.status === "cancelled" && !ending.outcome) {
          ending.outcome = "cancelled";
          controller.abort();
        }
      })
      // A missed heartbeat is retried on the next tick; recovery only acts after many in a row.
      .catch((error: unknown) => log.warn("generation heartbeat failed", { job: context.jobId, error: String(error) }));
  }, FLUSH_INTERVAL_MS);

  const started = Date.now();
  const ledger = { stageId: context.stageId, providerConfigId: context.configId, provider: context.connection.provider, model: context.connection.model, promptTemplate: prompt.name };
  try {
    const result = await streamCompletion(context.connection, { system: prompt.system, prompt: prompt.prompt, json: prompt.json, maxTokens: MAX_OUTPUT_TOKENS, signal: controller.signal }, (delta) => {
      text += delta;
      flushDeltas();
    });
    const generationId = await recordProviderCall(db, { ...ledger, inputTokens: result.inputTokens, outputTokens: result.outputTokens, durationMs: Date.now() - started, status: "success", errorMessage: null });
    return { text: result.text, generationId };
  } catch (error) {
    const kind = ending.outcome ?? (error instanceof ProviderError && error.kind === "timeout" ? "timeout" : "failed");
    const message =
      kind === "timeout" ? `The provider did not finish within ${Math.round(timeoutMs / 1000)} s.` : kind === "cancelled" ? "Cancelled." : error instanceof ProviderError ? error.message : "The provider call failed.";
    if (!(error instanceof ProviderError)) log.error("provider call failed", { error: error instanceof Error ? error.message : String(error) });
    await recordProviderCall(db, { ...ledger, inputTokens: 0, outputTokens: 0, durationMs: Date.now() - started, status: kind === "timeout" ? "timeout" : "error", errorMessage: message });
    throw new GenerationFailure(kind, message);
  } finally {
    clearTimeout(timer);
    clearInterval(persist);
    await publishing;
  }
}

async function setJobStatus(db: Db, jobId: string, status: GenerationJobStatus): Promise<boolean> {
  const updated = await db
    .update(generationJobs)
    .set({ status, text: "", updatedAt: new Date(), heartbeatAt: new Date() })
    .where(and(eq(generationJobs.id, jobId), inArray(generationJobs.status, running)))
    .returning({ id: generationJobs.id });
  if (updated.length > 0) await publish(db, { job: jobId, kind: "status", status });
  return updated.length > 0;
}

async function loadContext(db: Db, jobId: string) {
  const [job] = await db.select().from(generationJobs).where(eq(generationJobs.id, jobId));
  if (!job) return null;
  const [stageRow] = await db.select({ stageNumber: stages.stageNumber }).from(stages).where(eq(stages.id, job.stageId));
  const ref: StageRef = { userId: job.userId, projectId: job.projectId, stageNumber: stageRow!.stageNumber };
  const { stage, project, templateCategory, stageDefaults } = await loadStage(db, ref, false);
  const resolved = await resolveConnection(db, job.userId, job.projectId);
  const upstream = await db
    .select({ number: stages.stageNumber, label: stages.stageLabel, content: stageOutputs.content })
    .from(stageOutputs)
    .innerJoin(stages, eq(stages.id, stageOutputs.stageId))
    .where(and(eq(stages.projectId, job.projectId), eq(stageOutputs.isActive, true), lt(stages.stageNumber, ref.stageNumber)))
    .orderBy(asc(stages.stageNumber));
  const definition = definitionOf(ref.stageNumber);
  const variant = validatorVariant(ref.stageNumber, templateCategory);
  const prompt = buildStagePrompt({
    stage: definition,
    label: stage.stageLabel,
    variant,
    defaults: (stageDefaults as TemplateStageDefaults | null)?.[definition.name],
    project: { name: project.name, description: project.description },
    userInput: stage.userInput ?? "",
    upstream: upstream.map((output) => ({ ...output, format: definitionOf(output.number).format })),
  });
  return { job, ref, stage, templateCategory, resolved, prompt, variant };
}

export type WorkerOptions = { timeoutMs: number };

/**
 * The worker's body for one job: draft, validate, one repair attempt if the draft has errors,
 * then a new AI version (stage → review), or the stage back where it was with the error.
 */
export async function runGenerationJob(db: Db, jobId: string, { timeoutMs }: WorkerOptions): Promise<void> {
  const loaded = await loadContext(db, jobId);
  if (!loaded || !loaded.resolved || !(await claim(db, jobId))) {
    if (loaded && !loaded.resolved) await finishFailed(db, jobId, "failed", "The project's AI provider no longer exists.");
    return;
  }
  const { ref, stage, templateCategory, resolved, prompt, variant } = loaded;
  const context: JobContext = { jobId, ref, stageId: stage.id, stageLabel: stage.stageLabel, configId: resolved.configId, connection: resolved.connection, variant };
  try {
    let attempt = await callProvider(db, context, prompt, timeoutMs);
    let content = extractDocument(attempt.text);
    if (!(await setJobStatus(db, jobId, "validating"))) return;
    let validation: StageValidation = await validateContent(ref.stageNumber, content, templateCategory);
    if (hasErrors(validation.messages)) {
      if (!(await setJobStatus(db, jobId, "repairing"))) return;
      attempt = await callProvider(db, context, buildRepairPrompt(prompt, definitionOf(ref.stageNumber), content, validation.messages), timeoutMs);
      content = extractDocument(attempt.text);
      validation = await validateContent(ref.stageNumber, content, templateCategory);
    }
    const unparseable = unparseableMessages(validation);
    if (unparseable.length > 0) throw new GenerationFailure("failed", `The model's draft could not be used: ${unparseable[0]!.message}`);
    await saveDraft(db, context, content, validation, attempt.generationId);
  } catch (error) {
    if (error instanceof GenerationFailure) await finishFailed(db, jobId, error.status, error.message);
    else {
      log.error("generation job crashed", { job: jobId, error: error instanceof Error ? error.message : String(error) });
      await finishFailed(db, jobId, "failed", "Generation failed unexpectedly.");
    }
  }
}

async function claim(db: Db, jobId: string): Promise<boolean> {
  const claimed = await db
    .update(generationJobs)
    .set({ status: "streaming", updatedAt: new Date(), heartbeatAt: new Date() })
    .where(and(eq(generationJobs.id, jobId), eq(generationJobs.status, "queued")))
    .returning({ id: generationJobs.id });
  if (claimed.length > 0) await publish(db, { job: jobId, kind: "status", status: "streaming" });
  return claimed.length > 0;
}

async function saveDraft(db: Db, context: JobContext, content: string, validation: StageValidation, generationId: string): Promise<void> {
  const version = await db.transaction(async (tx) => {
    const { stage } = await loadStage(tx, context.ref, true);
    const [job] = await tx
      .update(generationJobs)
      .set({ status: "done", text: content, updatedAt: new Date() })
      .where(and(eq(generationJobs.id, context.jobId), inArray(generationJobs.status, running)))
      .returning();
    // Cancelled while validating: the draft is dropped and the stage stays where cancel put it.
    if (!job || stage.status !== "generating") return null;
    const saved = await addStageVersion(tx, context.ref, { stageId: stage.id, stageLabel: stage.stageLabel, content, validation, generatedBy: "ai", aiGenerationId: generationId });
    await tx.update(generationJobs).set({ outputVersion: saved }).where(eq(generationJobs.id, context.jobId));
    return saved;
  });
  if (version !== null) await publish(db, { job: context.jobId, kind: "status", status: "done", version });
}

/**
 * Puts back stages whose worker died: a job being worked on whose heartbeat is older than
 * `staleAfterMs` fails with a clear message and its stage returns to where it was. A queued job
 * has no worker yet and survives restarts in the queue; it fails only after `queuedForMs`.
 */
export async function recoverStuckGenerations(db: Db, { staleAfterMs, queuedForMs }: { staleAfterMs: number; queuedForMs: number }): Promise<number> {
  const olderThan = (column: typeof generationJobs.heartbeatAt | typeof generationJobs.createdAt, ms: number) => lt(column, sql`now() - make_interval(secs => ${ms / 1000})`);
  const stuck = await db
    .select({ id: generationJobs.id, status: generationJobs.status })
    .from(generationJobs)
    .where(
      or(
        and(inArray(generationJobs.status, running.filter((status) => status !== "queued")), olderThan(generationJobs.heartbeatAt, staleAfterMs)),
        and(eq(generationJobs.status, "queued"), olderThan(generationJobs.createdAt, queuedForMs)),
      ),
    );
  let recovered = 0;
  for (const job of stuck) {
    const message = job.status === "queued" ? "The draft waited too long for a worker. Try again." : "The server stopped while drafting. Try again.";
    if (await finishFailed(db, job.id, "failed", message)) recovered += 1;
  }
  return recovered;
}
