import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { aiProviderConfigs } from "./ai";
import { users } from "./users";

export const templateCategories = ["saas", "api", "landing", "mobile", "cli", "fullstack", "other"] as const;
export type TemplateCategory = (typeof templateCategories)[number];

export const templates = pgTable(
  "templates",
  {
    id: uuid("id").defaultRandom().primaryKey(),
    name: varchar("name", { length: 255 }).notNull(),
    description: text("description").notNull(),
    category: varchar("category", { length: 20 }).$type<TemplateCategory>().notNull(),
    icon: varchar("icon", { length: 50 }),
    stageDefaults: jsonb("stage_defaults").notNull(),
    isBuiltIn: boolean("is_built_in").default(false).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [
    /** Addition to the design: one built-in per category, so seeding can upsert idempotently. */
    uniqueIndex("idx_templates_builtin_category").on(t.category).where(sql`${t.isBuiltIn}`),
    check("templates_category_check", sql`${t.category} IN ('saas','api','landing','mobile','cli','fullstack','other')`),
  ],
);

export const projectStatuses = ["active", "archived", "deleted"] as const;

export const projects = pgTable(
  "projects",
  {
    id: uuid("id").defaultRandom().primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: varchar("name", { length: 255 }).notNull(),
    slug: varchar("slug", { length: 255 }).notNull(),
    description: text("description"),
    currentStage: integer("current_stage").default(1).notNull(),
    status: varchar("status", { length: 20 }).$type<(typeof projectStatuses)[number]>().default("active").notNull(),
    aiProviderId: uuid("ai_provider_id").references(() => aiProviderConfigs.id),
    templateId: uuid("template_id").references(() => templates.id),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).defaultNow().notNull(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [
    index("idx_projects_user").on(t.userId),
    uniqueIndex("idx_projects_user_slug").on(t.userId, t.slug).where(sql`${t.deletedAt} IS NULL`),
    check("projects_status_check", sql`${t.status} IN ('active','archived','deleted')`),
  ],
);

export const stageStatuses = ["locked", "active", "generating", "review", "complete"] as const;
export type StageStatus = (typeof stageStatuses)[number];

export const stages = pgTable(
  "stages",
  {
    id: uuid("id").defaultRandom().primaryKey(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    stageNumber: integer("stage_number").notNull(),
    stageName: varchar("stage_name", { length: 20 }).notNull(),
    stageLabel: varchar("stage_label", { length: 50 }).notNull(),
    status: varchar("status", { length: 20 }).$type<StageStatus>().default("locked").notNull(),
    data: jsonb("data"),
    userInput: text("user_input"),
    validatedAt: timestamp("validated_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [
    uniqueIndex("idx_stages_project_number").on(t.projectId, t.stageNumber),
    index("idx_stages_data").using("gin", t.data),
    check("stages_stage_number_check", sql`${t.stageNumber} BETWEEN 1 AND 9`),
    check("stages_status_check", sql`${t.status} IN ('locked','active','generating','review','complete')`),
  ],
);

export const outputFormats = ["json", "md", "sql", "yaml"] as const;
export type OutputFormat = (typeof outputFormats)[number];

export const aiGenerations = pgTable(
  "ai_generations",
  {
    id: uuid("id").defaultRandom().primaryKey(),
    stageId: uuid("stage_id")
      .notNull()
      .references(() => stages.id, { onDelete: "cascade" }),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => aiProviderConfigs.id),
    model: varchar("model", { length: 100 }).notNull(),
    promptTemplate: varchar("prompt_template", { length: 100 }).notNull(),
    inputTokens: integer("input_tokens").notNull(),
    outputTokens: integer("output_tokens").notNull(),
    totalTokens: integer("total_tokens").notNull(),
    // Money stays a decimal string end to end; never a float.
    estimatedCost: numeric("estimated_cost", { precision: 10, scale: 6 }).notNull(),
    durationMs: integer("duration_ms").notNull(),
    status: varchar("status", { length: 10 }).$type<"success" | "error" | "timeout">().notNull(),
    errorMessage: text("error_message"),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [
    index("idx_generations_stage").on(t.stageId),
    index("idx_generations_created").on(t.createdAt),
    check("ai_generations_status_check", sql`${t.status} IN ('success','error','timeout')`),
  ],
);

export const stageOutputs = pgTable(
  "stage_outputs",
  {
    id: uuid("id").defaultRandom().primaryKey(),
    stageId: uuid("stage_id")
      .notNull()
      .references(() => stages.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    format: varchar("format", { length: 10 }).$type<OutputFormat>().notNull(),
    content: text("content").notNull(),
    generatedBy: varchar("generated_by", { length: 10 }).$type<"ai" | "human">().notNull(),
    aiGenerationId: uuid("ai_generation_id").references(() => aiGenerations.id),
    isActive: boolean("is_active").default(true).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [
    index("idx_outputs_stage").on(t.stageId),
    uniqueIndex("idx_outputs_stage_version").on(t.stageId, t.version),
    /** Addition to the design: at most one active version per stage. */
    uniqueIndex("idx_outputs_one_active").on(t.stageId).where(sql`${t.isActive}`),
    check("stage_outputs_format_check", sql`${t.format} IN ('json','md','sql','yaml')`),
    check("stage_outputs_generated_by_check", sql`${t.generatedBy} IN ('ai','human')`),
  ],
);

/** Addition to the design: the per-project audit log. */
export const activityEvents = pgTable(
  "activity_events",
  {
    id: uuid("id").defaultRandom().primaryKey(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    type: varchar("type", { length: 50 }).notNull(),
    message: text("message").notNull(),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().default({}).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [index("idx_activity_project_created").on(t.projectId, t.createdAt.desc())],
);
