import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { aiProviderConfigs } from "./ai";
import { projects, stages, type StageStatus } from "./projects";
import { users } from "./users";

export const generationJobStatuses = ["queued", "streaming", "validating", "repairing", "done", "failed", "cancelled", "timeout"] as const;
export type GenerationJobStatus = (typeof generationJobStatuses)[number];
export const runningGenerationStatuses = ["queued", "streaming", "validating", "repairing"] as const satisfies readonly GenerationJobStatus[];

/**
 * Addition to the design: the durable state of one AI draft of a stage. pg-boss dispatches the
 * work; this row is what the page reads after a reload, what a second click finds, and what
 * recovery uses to put a stage back when a worker dies mid-generation.
 */
export const generationJobs = pgTable(
  "generation_jobs",
  {
    id: uuid("id").defaultRandom().primaryKey(),
    stageId: uuid("stage_id")
      .notNull()
      .references(() => stages.id, { onDelete: "cascade" }),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    providerConfigId: uuid("provider_config_id").references(() => aiProviderConfigs.id, { onDelete: "set null" }),
    status: varchar("status", { length: 12 }).$type<GenerationJobStatus>().default("queued").notNull(),
    previousStatus: varchar("previous_status", { length: 20 }).$type<StageStatus>().notNull(),
    /** The text streamed so far by the current provider call. */
    text: text("text").default("").notNull(),
    error: text("error"),
    outputVersion: integer("output_version"),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).defaultNow().notNull(),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [
    uniqueIndex("idx_generation_jobs_one_running").on(t.stageId).where(sql`${t.status} IN ('queued','streaming','validating','repairing')`),
    index("idx_generation_jobs_stage_created").on(t.stageId, t.createdAt),
    check("generation_jobs_status_check", sql`${t.status} IN ('queued','streaming','validating','repairing','done','failed','cancelled','timeout')`),
  ],
);
