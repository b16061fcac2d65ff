import { bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";

export type UserPreferences = { monthlyBudgetUsd?: string };

export const users = pgTable(
  "users",
  {
    id: uuid("id").defaultRandom().primaryKey(),
    // Uniqueness comes from idx_users_email below (one index, not a second constraint index).
    email: varchar("email", { length: 255 }).notNull(),
    name: varchar("name", { length: 255 }).notNull(),
    avatarUrl: text("avatar_url"),
    preferences: jsonb("preferences").$type<UserPreferences>().default({}),
    /** Addition to the design: argon2id PHC string; null for OAuth-only accounts. */
    passwordHash: text("password_hash"),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [uniqueIndex("idx_users_email").on(t.email)],
);

/**
 * Addition to the design: one row per counted event (a failed sign-in, an MCP request), so
 * sliding-window limits hold across every app instance sharing the database.
 */
export const rateLimitHits = pgTable(
  "rate_limit_hits",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    key: varchar("key", { length: 255 }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [index("idx_rate_limit_hits_key_created").on(t.key, t.createdAt)],
);
