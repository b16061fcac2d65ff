import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { recordActivity } from "../activity";
import type { Db, DbOrTx } from "../db/client";
import { taskProgress, taskStatuses, type TaskStatus } from "../db/schema";
import { AppError, parseInput } from "../errors";
import { loadPlan, type Task } from "./plan";

export { taskStatuses, type TaskStatus };

export type TaskProgressRow = { status: TaskStatus; note: string | null; updatedAt: Date | null };
export type TaskWithProgress = Pick<Task, "id" | "title" | "milestone" | "estimate" | "dependsOn"> & TaskProgressRow;
export type TaskProgressView = { tasks: TaskWithProgress[]; counts: Record<TaskStatus, number>; total: number };

const untouched: TaskProgressRow = { status: "todo", note: null, updatedAt: null };

export async function progressByTask(db: DbOrTx, projectId: string): Promise<Map<string, TaskProgressRow>> {
  const rows = await db.select().from(taskProgress).where(eq(taskProgress.projectId, projectId));
  return new Map(rows.map((row) => [row.taskId, { status: row.status, note: row.note, updatedAt: row.updatedAt }]));
}

/**
 * The plan's tasks in plan order with their reported status, as the stage-9 page and the overview show them.
 * Callers pass a project id already scoped to the user (a page's project, a token's project).
 */
export async function getTaskProgress(db: DbOrTx, projectId: string): Promise<TaskProgressView> {
  const [plan, progress] = await Promise.all([loadPlan(db, projectId), progressByTask(db, projectId)]);
  const counts: Record<TaskStatus, number> = { todo: 0, in_progress: 0, done: 0, blocked: 0 };
  const tasks = plan.tasks.map((task) => {
    const row = progress.get(task.id) ?? untouched;
    counts[row.status] += 1;
    return { id: task.id, title: task.title, milestone: task.milestone, estimate: task.estimate, dependsOn: task.dependsOn, ...row };
  });
  return { tasks, counts, total: tasks.length };
}

/** The first task in plan order that is neither done nor blocked and whose dependencies are all done. */
export function nextReadyTask<T extends { id: string; dependsOn: string[]; status: TaskStatus }>(tasks: readonly T[]): T | undefined {
  const done = new Set(tasks.filter((task) => task.status === "done").map((task) => task.id));
  return tasks.find((task) => task.status !== "done" && task.status !== "blocked" && task.dependsOn.every((id) => done.has(id)));
}

export const setTaskStatusSchema = z.object({
  taskId: z.string().trim().min(1).max(20),
  status: z.enum(taskStatuses, `Status must be one of: ${taskStatuses.join(", ")}.`),
  note: z.string().max(2000, "A note may be at most 2,000 characters.").optional(),
});

export type TaskStatusActor = { userId: string; projectId: string; via: string };

/** Records a task's status for the project and logs it; the task must exist in the active plan. */
export async function setTaskStatus(db: Db, actor: TaskStatusActor, input: unknown): Promise<TaskWithProgress> {
  const { taskId, status, note } = parseInput(setTaskStatusSchema, input);
  const plan = await loadPlan(db, actor.projectId);
  const task = plan.tasks.find((candidate) => candidate.id === taskId);
  if (!task) throw new AppError("not_found", `Task ${taskId} is not in the implementation plan${plan.tasks.length ? ` (tasks run ${plan.tasks[0]!.id} to ${plan.tasks.at(-1)!.id})` : " (stage 9 has no tasks yet)"}.`);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(taskProgress)
      .values({ projectId: actor.projectId, taskId, status, note: note ?? null })
      .onConflictDoUpdate({ target: [taskProgress.projectId, taskProgress.taskId], set: { status, note: note ?? null, updatedAt: sql`now()` } })
      .returning();
    await recordActivity(tx, {
      projectId: actor.projectId,
      actorUserId: actor.userId,
      type: "task.status",
      message: `${taskId} marked ${status.replace("_", " ")} by ${actor.via}${note ? `: ${note.slice(0, 200)}` : ""}`,
      metadata: { taskId, status },
    });
    return { id: task.id, title: task.title, milestone: task.milestone, estimate: task.estimate, dependsOn: task.dependsOn, status: row!.status, note: row!.note, updatedAt: row!.updatedAt };
  });
}
