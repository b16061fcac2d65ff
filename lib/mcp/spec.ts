import { and, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../db/client";
import { stageOutputs, stages, templates } from "../db/schema";
import { AppError, notFound } from "../errors";
import { getProject } from "../projects";
import { getStageVersion, listStageSummaries, projectStageData, stageByName, stageByNumber, STAGE_COUNT, type StageDefinition } from "../stages";
import { requirementCoverage } from "../stages/validators";
import { loadPlan, type Plan, type Requirement, type Task } from "./plan";
import { getTaskProgress, nextReadyTask, progressByTask, setTaskStatus, type TaskProgressRow } from "./progress";
import type { TokenContext } from "./tokens";

/**
 * What the MCP tools do, as plain functions over a token's context: the token fixes user and project,
 * so nothing here accepts a project from the caller.
 */
export type SpecContext = Pick<TokenContext, "userId" | "projectId" | "label">;

export const formatMimeTypes = { md: "text/markdown", json: "application/json", sql: "application/sql", yaml: "application/yaml" } as const;

export async function getOverview(db: DbOrTx, ctx: SpecContext) {
  const project = await getProject(db, ctx.userId, ctx.projectId);
  const [template, stages, progress, stageData] = await Promise.all([
    project.templateId ? db.select({ name: templates.name, category: templates.category }).from(templates).where(eq(templates.id, project.templateId)) : Promise.resolve([]),
    listStageSummaries(db, project.id),
    getTaskProgress(db, project.id),
    projectStageData(db, project.id),
  ]);
  return {
    project: { name: project.name, description: project.description, currentStage: project.currentStage },
    template: template[0] ?? null,
    stages: stages.map(({ number, name, label, format, status, version, stale }) => ({ number, name, label, format, status, version, stale })),
    coveragePercent: requirementCoverage(stageData).percent,
    tasks: { total: progress.total, ...progress.counts },
  };
}

export function resolveStage(stage: number | string): StageDefinition {
  const definition = typeof stage === "number" || /^\d+$/.test(stage) ? stageByNumber(Number(stage)) : stageByName(stage.trim().toLowerCase());
  if (!definition) throw new AppError("not_found", `Unknown stage “${stage}”: use 1 to ${STAGE_COUNT} or a name (vision, users, requirements, scope, architecture, data_model, api, ux, tasks).`);
  return definition;
}

/** A stage's active version (or an older one), with its status so an agent can tell approved from draft. */
export async function getStage(db: DbOrTx, ctx: SpecContext, input: { stage: number | string; version?: number }) {
  const definition = resolveStage(input.stage);
  const ref = { userId: ctx.userId, projectId: ctx.projectId, stageNumber: definition.number };
  // The active version is read alongside the summaries (the token already proved the project is the user's); a pinned one goes through the ownership-checking use-case.
  const [summaries, output] = await Promise.all([
    listStageSummaries(db, ctx.projectId),
    input.version === undefined ? activeOutput(db, ctx.projectId, definition.number) : getStageVersion(db, ref, input.version),
  ]);
  const summary = summaries[definition.number - 1];
  if (!summary || !output) throw new AppError("not_found", `Stage ${definition.number} (${definition.name}) has no version yet.`);
  return {
    stage: { number: summary.number, name: summary.name, label: summary.label, format: summary.format, mimeType: formatMimeTypes[definition.format], status: summary.status, stale: summary.stale },
    version: output.version,
    isActive: output.isActive,
    content: output.content,
  };
}

async function activeOutput(db: DbOrTx, projectId: string, stageNumber: number) {
  const [output] = await db
    .select({ version: stageOutputs.version, content: stageOutputs.content, isActive: stageOutputs.isActive })
    .from(stageOutputs)
    .innerJoin(stages, eq(stages.id, stageOutputs.stageId))
    .where(and(eq(stages.projectId, projectId), eq(stages.stageNumber, stageNumber), eq(stageOutputs.isActive, true)));
  return output;
}

function findRequirement(plan: Plan, id: string): Requirement {
  const requirement = plan.requirements.find((candidate) => candidate.id === id.trim().toUpperCase());
  if (!requirement) throw notFound(`Requirement ${id}`);
  return requirement;
}

function findTask(plan: Plan, id: string): Task {
  const task = plan.tasks.find((candidate) => candidate.id === id.trim().toUpperCase());
  if (!task) throw new AppError("not_found", `Task ${id} not found${plan.tasks.length ? `; tasks run ${plan.tasks[0]!.id} to ${plan.tasks.at(-1)!.id}` : ": the implementation plan has no tasks yet"}.`);
  return task;
}

const statusOf = (progress: ReadonlyMap<string, TaskProgressRow>, id: string) => progress.get(id)?.status ?? "todo";

export async function listRequirements(db: DbOrTx, ctx: SpecContext, filter: { priority?: Requirement["priority"] }) {
  const plan = await loadPlan(db, ctx.projectId);
  return plan.requirements
    .filter((requirement) => !filter.priority || requirement.priority === filter.priority)
    .map(({ id, title, priority, personas }) => ({ id, title, priority, personas, taskIds: plan.tasks.filter((task) => task.requirementIds.includes(id)).map((task) => task.id) }));
}

export async function getRequirement(db: DbOrTx, ctx: SpecContext, id: string) {
  const [plan, progress] = await Promise.all([loadPlan(db, ctx.projectId), progressByTask(db, ctx.projectId)]);
  const requirement = findRequirement(plan, id);
  const tasks = plan.tasks.filter((task) => task.requirementIds.includes(requirement.id)).map((task) => ({ id: task.id, title: task.title, status: statusOf(progress, task.id) }));
  return { ...requirement, tasks };
}

export async function listTasks(db: DbOrTx, ctx: SpecContext, filter: { status?: TaskProgressRow["status"]; milestone?: string }) {
  const { tasks } = await getTaskProgress(db, ctx.projectId);
  return tasks
    .filter((task) => (!filter.status || task.status === filter.status) && (!filter.milestone || task.milestone.toUpperCase() === filter.milestone.trim().toUpperCase()))
    .map(({ id, title, milestone, estimate, dependsOn, status }) => ({ id, title, milestone, estimate, dependsOn, status }));
}

function taskDetail(plan: Plan, progress: ReadonlyMap<string, TaskProgressRow>, task: Task) {
  const row = progress.get(task.id);
  return {
    ...task,
    status: row?.status ?? "todo",
    note: row?.note ?? null,
    requirements: task.requirementIds.map((id) => {
      const requirement = plan.requirements.find((candidate) => candidate.id === id);
      return requirement ? { id, title: requirement.title, priority: requirement.priority, acceptance: requirement.acceptance } : { id, missing: true };
    }),
    dependencies: task.dependsOn.map((id) => ({ id, title: plan.tasks.find((candidate) => candidate.id === id)?.title ?? null, status: statusOf(progress, id) })),
  };
}

export async function getTask(db: DbOrTx, ctx: SpecContext, id: string) {
  const [plan, progress] = await Promise.all([loadPlan(db, ctx.projectId), progressByTask(db, ctx.projectId)]);
  return taskDetail(plan, progress, findTask(plan, id));
}

export async function nextTask(db: DbOrTx, ctx: SpecContext) {
  const [plan, progress] = await Promise.all([loadPlan(db, ctx.projectId), progressByTask(db, ctx.projectId)]);
  if (plan.tasks.length === 0) return { task: null, reason: "The implementation plan (stage 9) has no tasks yet." };
  const tasks = plan.tasks.map((task) => ({ ...task, status: statusOf(progress, task.id) }));
  const next = nextReadyTask(tasks);
  if (next) return { task: taskDetail(plan, progress, next) };
  const open = tasks.filter((task) => task.status !== "done");
  if (open.length === 0) return { task: null, reason: "Every task is done." };
  return { task: null, reason: `No task is ready: the open tasks (${open.map((task) => `${task.id} ${task.status}`).join(", ")}) are blocked or wait on unfinished dependencies.` };
}

export async function reportTaskStatus(db: Db, ctx: SpecContext, input: { taskId: string; status: string; note?: string }) {
  const { id, status, note, updatedAt } = await setTaskStatus(db, { userId: ctx.userId, projectId: ctx.projectId, via: `MCP token “${ctx.label}”` }, { ...input, taskId: input.taskId.trim().toUpperCase() });
  return { id, status, note, updatedAt };
}

const words = (text: string) => new Set(text.toLowerCase().split(/[^a-z0-9_]+/).filter(Boolean));

/**
 * The task with everything an agent needs to build it: its requirements and their acceptance criteria, and the
 * tables and operations it touches (a table is relevant when the task or its requirements name it, singular or plural).
 */
export async function implementTaskBrief(db: DbOrTx, ctx: SpecContext, id: string): Promise<string> {
  const [plan, progress] = await Promise.all([loadPlan(db, ctx.projectId), progressByTask(db, ctx.projectId)]);
  const detail = taskDetail(plan, progress, findTask(plan, id));
  const requirements = plan.requirements.filter((requirement) => detail.requirementIds.includes(requirement.id));
  const text = [detail.title, detail.description, ...detail.acceptance, ...requirements.flatMap((requirement) => [requirement.title, ...requirement.acceptance])].join(" ");
  const mentioned = words(text);
  const tables = (plan.sql?.entities ?? []).filter((entity) => mentioned.has(entity.name.toLowerCase()) || mentioned.has(entity.name.toLowerCase().replace(/s$/, "")));
  const tableNames = new Set(tables.map((table) => table.name.toLowerCase()));
  const operations = (plan.api?.operations ?? []).filter((operation) => {
    const resource = operation.path.split("/").filter((segment) => segment && !segment.startsWith("{")).at(-1)?.toLowerCase();
    return text.includes(operation.path) || (resource !== undefined && tableNames.has(resource));
  });

  const lines = [
    `Implement task ${detail.id}: ${detail.title}`,
    "",
    detail.description,
    "",
    `Milestone ${detail.milestone} · estimate ${detail.estimate} · current status ${detail.status}`,
    `Depends on: ${detail.dependencies.length ? detail.dependencies.map((dependency) => `${dependency.id} (${dependency.status})`).join(", ") : "nothing"}`,
    "",
    "## Acceptance criteria for the task",
    ...detail.acceptance.map((criterion) => `- ${criterion}`),
    "",
    "## Requirements it implements",
    ...requirements.flatMap((requirement) => [`### ${requirement.id} ${requirement.title} (${requirement.priority})`, ...requirement.acceptance.map((criterion) => `- ${criterion}`)]),
    "",
    "## Data model it touches (spec://stages/6 has the full DDL)",
    ...(tables.length
      ? tables.map((table) => `- ${table.name}: ${table.columns.map((column) => `${column.name} ${column.type}${column.primaryKey ? " pk" : ""}${column.nullable ? "" : " not null"}`).join(", ")}`)
      : ["- No table is named by this task."]),
    "",
    "## API operations it touches (spec://stages/7 has the full contract)",
    ...(operations.length ? operations.map((operation) => `- ${operation.method.toUpperCase()} ${operation.path}${operation.summary ? ` — ${operation.summary}` : ""}`) : ["- No operation matches this task."]),
    "",
    `When you start, call set_task_status with ${detail.id} in_progress; when every acceptance criterion above holds, call it with done (or blocked, with a note saying why).`,
  ];
  return lines.join("\n");
}

/** A stage's active output as an MCP resource. */
export async function readStageResource(db: DbOrTx, ctx: SpecContext, stage: string) {
  const { stage: info, content } = await getStage(db, ctx, { stage });
  return { mimeType: info.mimeType, text: content };
}
