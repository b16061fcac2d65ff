import { sql } from "drizzle-orm";
import { boolean, check, index, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { users } from "./users";

export const aiProviders = ["anthropic", "openai", "custom"] as const;
export type AiProvider = (typeof aiProviders)[number];

export const aiProviderConfigs = pgTable(
  "ai_provider_configs",
  {
    id: uuid("id").defaultRandom().primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: varchar("provider", { length: 20 }).$type<AiProvider>().notNull(),
    label: varchar("label", { length: 255 }).notNull(),
    apiKeyEncrypted: text("api_key_encrypted").notNull(),
    defaultModel: varchar("default_model", { length: 100 }).notNull(),
    baseUrl: text("base_url"),
    isDefault: boolean("is_default").default(false).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [
    index("idx_ai_configs_user").on(t.userId),
    check("ai_provider_configs_provider_check", sql`${t.provider} IN ('anthropic','openai','custom')`),
  ],
);
