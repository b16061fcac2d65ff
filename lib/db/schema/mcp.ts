import { sql } from "drizzle-orm";
import { check, pgTable, primaryKey, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { projects } from "./projects";

export const taskStatuses = ["todo", "in_progress", "done", "blocked"] as const;
export type TaskStatus = (typeof taskStatuses)[number];

/**
 * Addition to the design: progress that coding agents report per task of the stage-9 plan.
 * Keyed by the plan's task id rather than a foreign key, because the plan is a versioned document:
 * a row for a task that a later version drops is simply not shown.
 */
export const taskProgress = pgTable(
  "task_progress",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    taskId: varchar("task_id", { length: 20 }).notNull(),
    status: varchar("status", { length: 12 }).$type<TaskStatus>().notNull(),
    note: text("note"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.taskId] }), check("task_progress_status_check", sql`${t.status} IN ('todo','in_progress','done','blocked')`)],
);
