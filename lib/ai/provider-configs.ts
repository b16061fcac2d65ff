/**
 * A user's AI providers: CRUD, the one default, and resolving which connection a project uses.
 * Every function takes the acting `userId` and only ever touches that user's rows; another user's
 * config id is a 404, exactly like an unknown one. Keys are encrypted on the way in and leave this
 * module only masked — except through resolveConnection, which is for server-side provider calls.
 */
import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx, Tx } from "../db/client";
import { aiGenerations, aiProviderConfigs, aiProviders, projects, users, type AiProvider } from "../db/schema";
import { AppError, notFound, parseInput } from "../errors";
import { decryptSecret, encryptSecret, maskApiKey, SecretDecryptionError } from "./crypto";
import { testConnection, type ConnectionTestResult } from "./providers";
import type { ProviderConnection } from "./types";

/** What the settings page (and any other browser-facing caller) gets: no plaintext, no ciphertext. */
export type ProviderConfigView = {
  id: string;
  provider: AiProvider;
  label: string;
  defaultModel: string;
  baseUrl: string | null;
  isDefault: boolean;
  /** `sk-…abcd`, `••••••••` for a short key, or "" when no key is stored (custom servers). */
  maskedKey: string;
  hasKey: boolean;
  createdAt: Date;
};

const blankToUndefined = (value: string | undefined) => (value === undefined || value.trim() === "" ? undefined : value.trim());

const baseUrlSchema = z
  .string()
  .max(2000, "Use at most 2,000 characters.")
  .optional()
  .transform(blankToUndefined)
  .pipe(z.url({ protocol: /^https?$/, message: "Enter an http:// or https:// URL, e.g. http://localhost:11434/v1." }).optional());

const fields = {
  provider: z.enum(aiProviders, "Pick a provider: Anthropic, OpenAI or custom."),
  label: z.string().trim().min(1, "Give the provider a label.").max(255, "Use at most 255 characters."),
  // Blank means "none" on create (custom only) and "keep the stored key" on update.
  apiKey: z.string().max(500, "An API key has at most 500 characters.").optional().transform(blankToUndefined),
  defaultModel: z.string().trim().min(1, "Name the model to use, e.g. gpt-4.1-mini.").max(100, "Use at most 100 characters."),
  baseUrl: baseUrlSchema,
};

const requireBaseUrlForCustom = (value: { provider: AiProvider; baseUrl?: string | undefined }, ctx: z.RefinementCtx) => {
  if (value.provider === "custom" && !value.baseUrl) {
    ctx.addIssue({ code: "custom", path: ["baseUrl"], message: "A custom provider needs its OpenAI-compatible base URL, e.g. http://localhost:11434/v1." });
  }
};

export const createProviderConfigSchema = z
  .object(fields)
  .superRefine(requireBaseUrlForCustom)
  .superRefine((value, ctx) => {
    // Local OpenAI-compatible servers usually need no key; the hosted APIs always do.
    if (value.provider !== "custom" && !value.apiKey) ctx.addIssue({ code: "custom", path: ["apiKey"], message: "Enter the API key." });
  });

export const updateProviderConfigSchema = z.object(fields).superRefine(requireBaseUrlForCustom);


type ConfigRow = typeof aiProviderConfigs.$inferSelect;

function viewOf(row: ConfigRow): ProviderConfigView {
  let plain = "";
  let readable = true;
  try {
    plain = decryptSecret(row.apiKeyEncrypted);
  } catch (error) {
    if (!(error instanceof SecretDecryptionError)) throw error;
    readable = false;
  }
  return {
    id: row.id,
    provider: row.provider,
    label: row.label,
    defaultModel: row.defaultModel,
    baseUrl: row.baseUrl,
    isDefault: row.isDefault,
    maskedKey: readable ? maskApiKey(plain) : "(unreadable — re-enter the key)",
    hasKey: !readable || plain !== "",
    createdAt: row.createdAt,
  };
}

const isUuid = (value: string) => z.uuid().safeParse(value).success;

/** Serialises one user's config writes (create / delete / default) so "exactly one default" holds under concurrency. */
async function lockUser(tx: Tx, userId: string): Promise<void> {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
}

async function findOwned(db: DbOrTx, userId: string, id: string, forUpdate = false): Promise<ConfigRow> {
  if (!isUuid(id)) throw notFound("AI provider");
  const query = db.select().from(aiProviderConfigs).where(and(eq(aiProviderConfigs.id, id), eq(aiProviderConfigs.userId, userId)));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("AI provider");
  return row;
}

export async function listProviderConfigs(db: DbOrTx, userId: string): Promise<ProviderConfigView[]> {
  const rows = await db.select().from(aiProviderConfigs).where(eq(aiProviderConfigs.userId, userId)).orderBy(asc(aiProviderConfigs.createdAt), asc(aiProviderConfigs.id));
  return rows.map(viewOf);
}

export async function getProviderConfig(db: DbOrTx, userId: string, id: string): Promise<ProviderConfigView> {
  return viewOf(await findOwned(db, userId, id));
}

/** The user's first provider becomes their default, so "a configured provider" always means a usable one. */
export async function createProviderConfig(db: Db, userId: string, input: unknown): Promise<ProviderConfigView> {
  const values = parseInput(createProviderConfigSchema, input);
  return db.transaction(async (tx) => {
    await lockUser(tx, userId);
    const [{ existing } = { existing: 0 }] = await tx.select({ existing: count() }).from(aiProviderConfigs).where(eq(aiProviderConfigs.userId, userId));
    const [row] = await tx
      .insert(aiProviderConfigs)
      .values({
        userId,
        provider: values.provider,
        label: values.label,
        apiKeyEncrypted: encryptSecret(values.apiKey ?? ""),
        defaultModel: values.defaultModel,
        baseUrl: values.baseUrl ?? null,
        isDefault: existing === 0,
      })
      .returning();
    return viewOf(row!);
  });
}

/** A blank key keeps the stored one; the form never receives the key, so it can't send it back. */
export async function updateProviderConfig(db: Db, userId: string, id: string, input: unknown): Promise<ProviderConfigView> {
  const values = parseInput(updateProviderConfigSchema, input);
  return db.transaction(async (tx) => {
    const current = await findOwned(tx, userId, id, true);
    if (values.provider !== "custom" && !values.apiKey) {
      let stored = "";
      try {
        stored = decryptSecret(current.apiKeyEncrypted);
      } catch (error) {
        if (!(error instanceof SecretDecryptionError)) throw error;
      }
      if (stored === "") throw new AppError("validation", "Some fields are invalid.", { apiKey: ["Enter the API key: this provider needs one, and none is stored (or the stored one is unreadable)."] });
    }
    const [row] = await tx
      .update(aiProviderConfigs)
      .set({
        provider: values.provider,
        label: values.label,
        defaultModel: values.defaultModel,
        baseUrl: values.baseUrl ?? null,
        ...(values.apiKey ? { apiKeyEncrypted: encryptSecret(values.apiKey) } : {}),
      })
      .where(and(eq(aiProviderConfigs.id, current.id), eq(aiProviderConfigs.userId, userId)))
      .returning();
    return viewOf(row!);
  });
}

function isForeignKeyViolation(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } })?.cause ?? error;
  return (cause as { code?: string })?.code === "23503";
}

const historyConflict = (label: string) =>
  new AppError(
    "conflict",
    `"${label}" has generation history in the usage ledger, so it can't be deleted (its calls and costs stay attributed to it). Edit it instead — for example give it a new key or model — or make another provider the default.`,
  );

/**
 * Deletes a provider that has never been used. Projects that picked it fall back to the default; if it
 * was the default, the oldest remaining provider takes over. A provider with ledger rows is kept (409):
 * ai_generations.provider_id must keep pointing at it.
 */
export async function deleteProviderConfig(db: Db, userId: string, id: string): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      await lockUser(tx, userId);
      const config = await findOwned(tx, userId, id, true);
      const [{ used } = { used: 0 }] = await tx.select({ used: count() }).from(aiGenerations).where(eq(aiGenerations.providerId, config.id));
      if (used > 0) throw historyConflict(config.label);
      await tx.update(projects).set({ aiProviderId: null }).where(and(eq(projects.aiProviderId, config.id), eq(projects.userId, userId)));
      await tx.delete(aiProviderConfigs).where(and(eq(aiProviderConfigs.id, config.id), eq(aiProviderConfigs.userId, userId)));
      if (config.isDefault) {
        const [next] = await tx.select({ id: aiProviderConfigs.id }).from(aiProviderConfigs).where(eq(aiProviderConfigs.userId, userId)).orderBy(asc(aiProviderConfigs.createdAt), asc(aiProviderConfigs.id)).limit(1);
        if (next) await tx.update(aiProviderConfigs).set({ isDefault: true }).where(eq(aiProviderConfigs.id, next.id));
      }
    });
  } catch (error) {
    // A generation that recorded its ledger row between our check and the delete.
    if (isForeignKeyViolation(error)) {
      const [row] = await db.select({ label: aiProviderConfigs.label }).from(aiProviderConfigs).where(eq(aiProviderConfigs.id, id));
      throw historyConflict(row?.label ?? "This provider");
    }
    throw error;
  }
}

/** Exactly one default per user: one UPDATE flips every row of the user, under the user lock. */
export async function setDefaultProviderConfig(db: Db, userId: string, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    await lockUser(tx, userId);
    const config = await findOwned(tx, userId, id, true);
    await tx
      .update(aiProviderConfigs)
      .set({ isDefault: sql`${aiProviderConfigs.id} = ${config.id}` })
      .where(eq(aiProviderConfigs.userId, userId));
  });
}

/** Lets a project use one of the user's providers, or (null) go back to the user's default. */
export async function setProjectProvider(db: Db, userId: string, projectId: string, configId: string | null): Promise<void> {
  if (!isUuid(projectId)) throw notFound("Project");
  await db.transaction(async (tx) => {
    if (configId !== null) await findOwned(tx, userId, configId);
    const updated = await tx
      .update(projects)
      .set({ aiProviderId: configId })
      .where(and(eq(projects.id, projectId), eq(projects.userId, userId), isNull(projects.deletedAt)))
      .returning({ id: projects.id });
    if (updated.length === 0) throw notFound("Project");
  });
}

function connectionOf(row: ConfigRow): ProviderConnection {
  let apiKey: string;
  try {
    apiKey = decryptSecret(row.apiKeyEncrypted);
  } catch (error) {
    if (!(error instanceof SecretDecryptionError)) throw error;
    throw new AppError("conflict", `The API key of "${row.label}" can't be decrypted: ENCRYPTION_KEY has changed since it was saved. Re-enter the key in Settings → AI providers (or run the key rotation command with the old key).`);
  }
  return { provider: row.provider, apiKey, baseUrl: row.baseUrl, model: row.defaultModel };
}

/**
 * The provider a project generates with: the project's own pick if it has one, otherwise the user's
 * default; null when the user has none. Server-side only: the result carries the decrypted key.
 */
export async function resolveConnection(db: DbOrTx, userId: string, projectId: string): Promise<{ configId: string; connection: ProviderConnection } | null> {
  if (!isUuid(projectId)) throw notFound("Project");
  const [project] = await db
    .select({ aiProviderId: projects.aiProviderId })
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.userId, userId), isNull(projects.deletedAt)));
  if (!project) throw notFound("Project");
  const [picked] = project.aiProviderId
    ? await db.select().from(aiProviderConfigs).where(and(eq(aiProviderConfigs.id, project.aiProviderId), eq(aiProviderConfigs.userId, userId)))
    : [];
  const [row] = picked
    ? [picked]
    : await db
        .select()
        .from(aiProviderConfigs)
        .where(and(eq(aiProviderConfigs.userId, userId), eq(aiProviderConfigs.isDefault, true)))
        .limit(1);
  return row ? { configId: row.id, connection: connectionOf(row) } : null;
}

/** "Test connection": one cheap call with the saved settings; the answer is in plain words, never the key. */
export async function testProviderConfig(db: DbOrTx, userId: string, id: string): Promise<ConnectionTestResult> {
  const row = await findOwned(db, userId, id);
  return testConnection(connectionOf(row));
}
