import { and, asc, desc, eq, isNull, max, sql } from "drizzle-orm";
import { z } from "zod";
import { recordActivity } from "../activity";
import type { Db, DbOrTx, Tx } from "../db/client";
import { projects, stageOutputs, stages, templates, type StageStatus } from "../db/schema";
import { AppError, notFound, parseInput } from "../errors";
import type { TemplateStageDefaults } from "../templates/schema";
import { stageByNumber, STAGE_COUNT, type StageDefinition } from "./definitions";
import { assertTransition } from "./status";
import {
  crossStageMessages,
  hasErrors,
  MAX_OUTPUT_BYTES,
  requirementCoverage,
  validateStageOutput,
  type StageData,
  type StagesData,
  type StageValidation,
  type ValidationMessage,
} from "./validators";

/** Stage N was built on these active versions of stages 1..N-1. */
export type BasedOn = Record<string, number>;
export type StageMeta = { version: number; basedOn: BasedOn; errors: number; warnings: number };
export type StoredStageData = Partial<StageData> & { meta: StageMeta };

export type StageRef = { userId: string; projectId: string; stageNumber: number };

// A draft may be incomplete or break stage rules (approve refuses those), but it must parse.
const unparseableCodes = new Set(["too_large", "empty_output", "invalid_json", "sql_syntax", "yaml_syntax"]);

/** Messages that mean the text does not parse at all, so it cannot become a version. */
export function unparseableMessages(validation: StageValidation): ValidationMessage[] {
  return validation.messages.filter((message) => unparseableCodes.has(message.code));
}

export const saveOutputSchema = z.object({
  content: z.string().refine((value) => Buffer.byteLength(value) <= MAX_OUTPUT_BYTES, { error: `An output may be at most ${MAX_OUTPUT_BYTES / 1_048_576} MB.` }),
  baseVersion: z.number().int().min(0).optional(),
});
export const userInputSchema = z.object({ userInput: z.string().max(20_000, "Notes may be at most 20,000 characters.") });
export const revertSchema = z.object({ version: z.number().int().min(1) });

export function definitionOf(stageNumber: number): StageDefinition {
  const definition = Number.isInteger(stageNumber) ? stageByNumber(stageNumber) : undefined;
  if (!definition) throw new AppError("not_found", `There is no stage ${stageNumber}; stages are numbered 1 to ${STAGE_COUNT}.`);
  return definition;
}

const isUuid = (value: string) => z.uuid().safeParse(value).success;

/** The stage row with its project and template, owned by the user; locked for update inside a transaction. */
export async function loadStage(db: DbOrTx, { userId, projectId, stageNumber }: StageRef, lock: boolean) {
  definitionOf(stageNumber);
  if (!isUuid(projectId)) throw notFound("Project");
  const query = db
    .select({ stage: stages, project: projects, templateCategory: templates.category, stageDefaults: templates.stageDefaults })
    .from(stages)
    .innerJoin(projects, eq(projects.id, stages.projectId))
    .leftJoin(templates, eq(templates.id, projects.templateId))
    .where(and(eq(projects.id, projectId), eq(projects.userId, userId), isNull(projects.deletedAt), eq(stages.stageNumber, stageNumber)));
  const [row] = lock ? await query.for("update", { of: stages }) : await query;
  if (!row) throw notFound("Project");
  return row;
}

export function validatorVariant(stageNumber: number, templateCategory: string | null): "cli" | undefined {
  return stageNumber === 7 && templateCategory === "cli" ? "cli" : undefined;
}

export function validateContent(stageNumber: number, content: string, templateCategory: string | null): Promise<StageValidation> {
  return validateStageOutput({ stageNumber, content, variant: validatorVariant(stageNumber, templateCategory) });
}

/** Validation of any draft text for the user's stage, without saving: what the editor shows live. */
export async function validateDraft(db: DbOrTx, ref: StageRef, content: string): Promise<StageValidation> {
  const { templateCategory } = await loadStage(db, ref, false);
  return validateContent(ref.stageNumber, content, templateCategory);
}

async function activeVersions(db: DbOrTx, projectId: string): Promise<Map<number, number>> {
  const rows = await db
    .select({ stageNumber: stages.stageNumber, version: stageOutputs.version })
    .from(stageOutputs)
    .innerJoin(stages, eq(stages.id, stageOutputs.stageId))
    .where(and(eq(stages.projectId, projectId), eq(stageOutputs.isActive, true)));
  return new Map(rows.map((row) => [row.stageNumber, row.version]));
}

function storedData(validation: StageValidation, version: number, basedOn: BasedOn): StoredStageData {
  const errors = validation.messages.filter((message) => message.level === "error").length;
  return { ...(validation.data ?? {}), meta: { version, basedOn, errors, warnings: validation.messages.length - errors } };
}

async function upstreamVersions(tx: Tx, projectId: string, stageNumber: number): Promise<BasedOn> {
  const versions = await activeVersions(tx, projectId);
  return Object.fromEntries([...versions].filter(([number]) => number < stageNumber).map(([number, version]) => [String(number), version]));
}

/** The first stage not complete; 9 once everything is approved. */
async function refreshCurrentStage(tx: Tx, projectId: string): Promise<void> {
  await tx
    .update(projects)
    .set({
      currentStage: sql`coalesce((select min(${stages.stageNumber}) from ${stages} where ${stages.projectId} = ${projectId} and ${stages.status} <> 'complete'), ${STAGE_COUNT})`,
      updatedAt: new Date(),
    })
    .where(eq(projects.id, projectId));
}

async function setStage(tx: Tx, stageId: string, values: Partial<typeof stages.$inferInsert>): Promise<void> {
  await tx.update(stages).set({ ...values, updatedAt: new Date() }).where(eq(stages.id, stageId));
}

/**
 * Appends a version inside the caller's transaction (which holds the stage row lock), makes it
 * active and moves the stage to review. Shared by human saves and AI drafts.
 */
export async function addStageVersion(
  tx: Tx,
  ref: StageRef,
  input: { stageId: string; stageLabel: string; content: string; validation: StageValidation; generatedBy: "ai" | "human"; aiGenerationId: string | null },
): Promise<number> {
  const [latest] = await tx.select({ version: max(stageOutputs.version) }).from(stageOutputs).where(eq(stageOutputs.stageId, input.stageId));
  const version = (latest?.version ?? 0) + 1;
  await tx.update(stageOutputs).set({ isActive: false }).where(and(eq(stageOutputs.stageId, input.stageId), eq(stageOutputs.isActive, true)));
  await tx.insert(stageOutputs).values({
    stageId: input.stageId,
    version,
    format: definitionOf(ref.stageNumber).format,
    content: input.content,
    generatedBy: input.generatedBy,
    aiGenerationId: input.aiGenerationId,
  });
  await setStage(tx, input.stageId, { status: "review", data: storedData(input.validation, version, await upstreamVersions(tx, ref.projectId, ref.stageNumber)) });
  await refreshCurrentStage(tx, ref.projectId);
  const by = input.generatedBy === "ai" ? "AI draft" : "version";
  await recordActivity(tx, { projectId: ref.projectId, actorUserId: ref.userId, type: input.generatedBy === "ai" ? "stage.generated" : "stage.saved", message: `Saved ${by} ${version} of ${input.stageLabel}`, metadata: { stage: ref.stageNumber, version } });
  return version;
}

/** Saves a human edit as a new immutable version, makes it active and moves the stage to review. */
export async function saveStageOutput(db: Db, ref: StageRef, input: unknown) {
  const { content, baseVersion } = parseInput(saveOutputSchema, input);
  const { templateCategory } = await loadStage(db, ref, false);
  const validation = await validateContent(ref.stageNumber, content, templateCategory);
  const unparseable = unparseableMessages(validation);
  if (unparseable.length > 0) throw new AppError("validation", unparseable[0]!.message, { content: unparseable.map((message) => message.message) });

  return db.transaction(async (tx) => {
    const { stage } = await loadStage(tx, ref, true);
    assertTransition("save", stage.status, ref.stageNumber);
    const [active] = await tx.select({ version: stageOutputs.version }).from(stageOutputs).where(and(eq(stageOutputs.stageId, stage.id), eq(stageOutputs.isActive, true)));
    if (baseVersion !== undefined && (active?.version ?? 0) !== baseVersion) {
      throw new AppError("conflict", `Stage ${ref.stageNumber} changed while you were editing (now version ${active?.version ?? 0}). Reload to see it before saving.`);
    }
    const version = await addStageVersion(tx, ref, { stageId: stage.id, stageLabel: stage.stageLabel, content, validation, generatedBy: "human", aiGenerationId: null });
    return { version, messages: validation.messages };
  });
}

export async function saveUserInput(db: Db, ref: StageRef, input: unknown): Promise<void> {
  const { userInput } = parseInput(userInputSchema, input);
  await db.transaction(async (tx) => {
    const { stage } = await loadStage(tx, ref, true);
    assertTransition("edit_notes", stage.status, ref.stageNumber);
    await setStage(tx, stage.id, { userInput });
  });
}

/** Approves the active version when it has no errors, and opens the next stage. */
export async function approveStage(db: Db, ref: StageRef): Promise<{ warnings: ValidationMessage[] }> {
  const { templateCategory } = await loadStage(db, ref, false);
  return db.transaction(async (tx) => {
    const { stage } = await loadStage(tx, ref, true);
    assertTransition("approve", stage.status, ref.stageNumber);
    const [active] = await tx.select().from(stageOutputs).where(and(eq(stageOutputs.stageId, stage.id), eq(stageOutputs.isActive, true)));
    if (!active) throw new AppError("conflict", `Cannot approve stage ${ref.stageNumber}: it has no version yet.`);
    const validation = await validateContent(ref.stageNumber, active.content, templateCategory);
    if (hasErrors(validation.messages)) {
      const count = validation.messages.filter((message) => message.level === "error").length;
      throw new AppError("conflict", `Cannot approve stage ${ref.stageNumber}: version ${active.version} has ${count} validation error${count === 1 ? "" : "s"}. Fix ${count === 1 ? "it" : "them"} first.`);
    }
    const now = new Date();
    await setStage(tx, stage.id, { status: "complete", validatedAt: now, completedAt: now });
    if (ref.stageNumber < STAGE_COUNT) {
      await tx
        .update(stages)
        .set({ status: "active", updatedAt: now })
        .where(and(eq(stages.projectId, ref.projectId), eq(stages.stageNumber, ref.stageNumber + 1), eq(stages.status, "locked")));
    }
    await refreshCurrentStage(tx, ref.projectId);
    await recordActivity(tx, { projectId: ref.projectId, actorUserId: ref.userId, type: "stage.approved", message: `Approved ${stage.stageLabel} (version ${active.version})`, metadata: { stage: ref.stageNumber, version: active.version } });
    return { warnings: validation.messages };
  });
}

/** Back to review; later stages keep their status and show as stale once this one changes. */
export async function reopenStage(db: Db, ref: StageRef): Promise<void> {
  await db.transaction(async (tx) => {
    const { stage } = await loadStage(tx, ref, true);
    assertTransition("reopen", stage.status, ref.stageNumber);
    await setStage(tx, stage.id, { status: "review", completedAt: null });
    await refreshCurrentStage(tx, ref.projectId);
    await recordActivity(tx, { projectId: ref.projectId, actorUserId: ref.userId, type: "stage.reopened", message: `Reopened ${stage.stageLabel}`, metadata: { stage: ref.stageNumber } });
  });
}

/** Makes an older version active again; nothing is deleted. */
export async function revertStage(db: Db, ref: StageRef, input: unknown): Promise<void> {
  const { version } = parseInput(revertSchema, input);
  const { stage: unlocked, templateCategory } = await loadStage(db, ref, false);
  const [target] = await db.select().from(stageOutputs).where(and(eq(stageOutputs.stageId, unlocked.id), eq(stageOutputs.version, version)));
  if (!target) throw notFound(`Version ${version} of stage ${ref.stageNumber}`);
  const validation = await validateContent(ref.stageNumber, target.content, templateCategory);

  await db.transaction(async (tx) => {
    const { stage } = await loadStage(tx, ref, true);
    assertTransition("revert", stage.status, ref.stageNumber);
    if (target.isActive) {
      const [stillActive] = await tx.select({ id: stageOutputs.id }).from(stageOutputs).where(and(eq(stageOutputs.id, target.id), eq(stageOutputs.isActive, true)));
      if (stillActive) throw new AppError("conflict", `Version ${version} is already the active version of stage ${ref.stageNumber}.`);
    }
    await tx.update(stageOutputs).set({ isActive: false }).where(and(eq(stageOutputs.stageId, stage.id), eq(stageOutputs.isActive, true)));
    await tx.update(stageOutputs).set({ isActive: true }).where(eq(stageOutputs.id, target.id));
    await setStage(tx, stage.id, { status: "review", data: storedData(validation, version, await upstreamVersions(tx, ref.projectId, ref.stageNumber)) });
    await refreshCurrentStage(tx, ref.projectId);
    await recordActivity(tx, { projectId: ref.projectId, actorUserId: ref.userId, type: "stage.reverted", message: `Reverted ${stage.stageLabel} to version ${version}`, metadata: { stage: ref.stageNumber, version } });
  });
}

export type StageSummary = {
  number: number;
  name: string;
  label: string;
  format: string;
  status: StageStatus;
  version: number | null;
  stale: boolean;
  errors: number;
  warnings: number;
};

/** A stage is stale when an upstream stage's active version differs from the one it was built on. */
export function isStale(stageNumber: number, basedOn: BasedOn | undefined, active: ReadonlyMap<number, number>): boolean {
  if (!basedOn) return false;
  for (let upstream = 1; upstream < stageNumber; upstream += 1) {
    if (active.get(upstream) !== basedOn[String(upstream)]) return true;
  }
  return false;
}

/** The nine stages of a project the caller has already scoped to its user, for steppers and overviews. */
export async function listStageSummaries(db: DbOrTx, projectId: string): Promise<StageSummary[]> {
  const [rows, active] = await Promise.all([
    db
      .select({ number: stages.stageNumber, name: stages.stageName, label: stages.stageLabel, status: stages.status, meta: sql<StageMeta | null>`${stages.data} -> 'meta'` })
      .from(stages)
      .where(eq(stages.projectId, projectId))
      .orderBy(asc(stages.stageNumber)),
    activeVersions(db, projectId),
  ]);
  return rows.map((row) => ({
    number: row.number,
    name: row.name,
    label: row.label,
    format: definitionOf(row.number).format,
    status: row.status,
    version: active.get(row.number) ?? null,
    stale: isStale(row.number, row.meta?.basedOn, active),
    errors: row.meta?.errors ?? 0,
    warnings: row.meta?.warnings ?? 0,
  }));
}

export type VersionSummary = { version: number; generatedBy: "ai" | "human"; isActive: boolean; createdAt: Date; bytes: number };

/** The parsed active output of every stage that has one, as kept in stages.data (meta removed). */
export async function projectStageData(db: DbOrTx, projectId: string): Promise<StagesData> {
  const rows = await db.select({ number: stages.stageNumber, data: stages.data }).from(stages).where(eq(stages.projectId, projectId));
  const entries = rows.flatMap(({ number, data }) => {
    if (!data) return [];
    const { meta: _meta, ...parsed } = data as StoredStageData;
    return Object.keys(parsed).length > 0 ? [[number, parsed as StageData] as const] : [];
  });
  return Object.fromEntries(entries);
}

/** Everything the stage page shows: the stage, its draft (active version or template skeleton), guidance, versions and live validation. */
export async function getStageView(db: DbOrTx, ref: StageRef) {
  const { stage, project, templateCategory, stageDefaults } = await loadStage(db, ref, false);
  const definition = definitionOf(ref.stageNumber);
  const defaults = (stageDefaults as TemplateStageDefaults | null)?.[definition.name];
  const [versions, active] = await Promise.all([
    db
      .select({ version: stageOutputs.version, generatedBy: stageOutputs.generatedBy, isActive: stageOutputs.isActive, createdAt: stageOutputs.createdAt, bytes: sql<number>`octet_length(${stageOutputs.content})` })
      .from(stageOutputs)
      .where(eq(stageOutputs.stageId, stage.id))
      .orderBy(desc(stageOutputs.version)),
    db.select({ content: stageOutputs.content, version: stageOutputs.version }).from(stageOutputs).where(and(eq(stageOutputs.stageId, stage.id), eq(stageOutputs.isActive, true))),
  ]);
  const content = active[0]?.content ?? defaults?.skeleton ?? "";
  const validation = await validateContent(ref.stageNumber, content, templateCategory);
  const [summaries, stageData] = await Promise.all([listStageSummaries(db, project.id), projectStageData(db, project.id)]);
  return {
    project: { id: project.id, name: project.name, slug: project.slug, templateCategory },
    stage: { ...summaries[ref.stageNumber - 1]!, userInput: stage.userInput ?? "", validatedAt: stage.validatedAt, completedAt: stage.completedAt },
    stages: summaries,
    guidance: { questions: defaults?.questions ?? [], promptHints: defaults?.promptHints ?? "" },
    content,
    activeVersion: active[0]?.version ?? null,
    validation,
    crossStage: crossStageMessages(stageData).filter((message) => message.stage === ref.stageNumber),
    coverage: ref.stageNumber === 9 ? requirementCoverage(stageData) : null,
    versions: versions as VersionSummary[],
  };
}

/** One version's text, for the diff view. */
export async function getStageVersion(db: DbOrTx, ref: StageRef, version: number) {
  const { stage } = await loadStage(db, ref, false);
  if (!Number.isInteger(version) || version < 1) throw notFound(`Version ${version} of stage ${ref.stageNumber}`);
  const [output] = await db
    .select({ version: stageOutputs.version, content: stageOutputs.content, generatedBy: stageOutputs.generatedBy, createdAt: stageOutputs.createdAt, isActive: stageOutputs.isActive })
    .from(stageOutputs)
    .where(and(eq(stageOutputs.stageId, stage.id), eq(stageOutputs.version, version)));
  if (!output) throw notFound(`Version ${version} of stage ${ref.stageNumber}`);
  return output;
}
