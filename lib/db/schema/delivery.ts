import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { projects } from "./projects";
import { users } from "./users";

export const exportPackages = pgTable(
  "export_packages",
  {
    id: uuid("id").defaultRandom().primaryKey(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    format: varchar("format", { length: 10 }).$type<"folder" | "zip">().notNull(),
    validationStatus: varchar("validation_status", { length: 10 }).$type<"valid" | "warnings" | "errors">().notNull(),
    validationMessages: jsonb("validation_messages"),
    filePath: text("file_path").notNull(),
    fileSizeBytes: integer("file_size_bytes").notNull(),
    exportedAt: timestamp("exported_at", { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [
    index("idx_exports_project").on(t.projectId),
    check("export_packages_format_check", sql`${t.format} IN ('folder','zip')`),
    check("export_packages_validation_status_check", sql`${t.validationStatus} IN ('valid','warnings','errors')`),
  ],
);

export const mcpTokens = pgTable(
  "mcp_tokens",
  {
    id: uuid("id").defaultRandom().primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    tokenHash: varchar("token_hash", { length: 64 }).notNull(),
    label: varchar("label", { length: 255 }).notNull(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [uniqueIndex("idx_mcp_token_hash").on(t.tokenHash), index("idx_mcp_tokens_project").on(t.projectId)],
);
