import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { recordActivity } from "../activity";
import type { Db, DbOrTx } from "../db/client";
import { mcpTokens, projects } from "../db/schema";
import { AppError, notFound, parseInput } from "../errors";
import { getProject } from "../projects";
import { hitAndCount, type Window } from "../rate-limit";

/** Who a valid token acts as: its creator, on its one project. No tool ever takes a project id. */
export type TokenContext = { tokenId: string; userId: string; projectId: string; label: string };

const TOKEN_PREFIX = "swp_";
// 32 random bytes are 43 base64url characters; anything else cannot be one of ours.
const tokenFormat = /^swp_[A-Za-z0-9_-]{43}$/;

export const DEFAULT_TOKEN_RATE_LIMIT: Window = { limit: 120, windowMs: 60_000 };

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export const createTokenSchema = z.object({
  label: z.string().trim().min(1, "Give the token a label.").max(255, "Use at most 255 characters."),
  expiresInDays: z.coerce.number().int().min(1, "At least one day.").max(3650, "At most ten years.").optional(),
});

export type TokenSummary = { id: string; label: string; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null };

const summaryColumns = { id: mcpTokens.id, label: mcpTokens.label, createdAt: mcpTokens.createdAt, lastUsedAt: mcpTokens.lastUsedAt, expiresAt: mcpTokens.expiresAt };

/** Creates a token for the user's project; the plain token is returned once and never stored. */
export async function createToken(db: Db, userId: string, projectId: string, input: unknown): Promise<{ token: string; summary: TokenSummary }> {
  const { label, expiresInDays } = parseInput(createTokenSchema, input);
  const project = await getProject(db, userId, projectId);
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null;
  return db.transaction(async (tx) => {
    const [summary] = await tx.insert(mcpTokens).values({ userId, projectId: project.id, tokenHash: hashToken(token), label, expiresAt }).returning(summaryColumns);
    await recordActivity(tx, { projectId: project.id, actorUserId: userId, type: "mcp.token_created", message: `Created MCP token “${label}”`, metadata: { tokenId: summary!.id } });
    return { token, summary: summary! };
  });
}

export async function listTokens(db: DbOrTx, userId: string, projectId: string): Promise<TokenSummary[]> {
  const project = await getProject(db, userId, projectId);
  return db.select(summaryColumns).from(mcpTokens).where(eq(mcpTokens.projectId, project.id)).orderBy(desc(mcpTokens.createdAt));
}

/** Revoking deletes the row, so the hash can never match again; the activity log keeps the record. */
export async function revokeToken(db: Db, userId: string, projectId: string, tokenId: string): Promise<void> {
  const project = await getProject(db, userId, projectId);
  if (!z.uuid().safeParse(tokenId).success) throw notFound("Token");
  await db.transaction(async (tx) => {
    const [removed] = await tx.delete(mcpTokens).where(and(eq(mcpTokens.id, tokenId), eq(mcpTokens.projectId, project.id))).returning({ label: mcpTokens.label });
    if (!removed) throw notFound("Token");
    await recordActivity(tx, { projectId: project.id, actorUserId: userId, type: "mcp.token_revoked", message: `Revoked MCP token “${removed.label}”`, metadata: { tokenId } });
  });
}

const unauthorized = (message: string) => new AppError("unauthorized", message);

/**
 * Checks a presented token (the Authorization header's or SPECWRIGHT_TOKEN) and counts the request
 * against the token's rate limit. Every failure is a 401 that names the problem but never the token.
 */
export async function authenticateToken(db: Db, presented: string | undefined, rateLimit: Window = DEFAULT_TOKEN_RATE_LIMIT): Promise<TokenContext> {
  if (presented === undefined) throw unauthorized("Missing token: send Authorization: Bearer <token>.");
  if (!tokenFormat.test(presented)) throw unauthorized("Malformed token: Specwright tokens start with swp_.");
  const [row] = await db
    .select({ tokenId: mcpTokens.id, userId: mcpTokens.userId, projectId: mcpTokens.projectId, label: mcpTokens.label, lastUsedAt: mcpTokens.lastUsedAt, expired: sql<boolean>`${mcpTokens.expiresAt} <= now()` })
    .from(mcpTokens)
    // The owner must still own a live project: a deleted project's tokens stop working with it.
    .innerJoin(projects, and(eq(projects.id, mcpTokens.projectId), eq(projects.userId, mcpTokens.userId), isNull(projects.deletedAt)))
    .where(eq(mcpTokens.tokenHash, hashToken(presented)));
  if (!row) throw unauthorized("Unknown or revoked token.");
  if (row.expired) throw unauthorized("Expired token: create a new one on the project's Connect page.");

  const [earlierHits] = await Promise.all([hitAndCount(db, `mcp:token:${row.tokenId}`, rateLimit.windowMs), touchToken(db, row)]);
  if (earlierHits! >= rateLimit.limit) throw new AppError("rate_limited", `Too many requests for this token: at most ${rateLimit.limit} per ${rateLimit.windowMs / 1000} seconds.`);
  return { tokenId: row.tokenId, userId: row.userId, projectId: row.projectId, label: row.label };
}

const MINUTE_MS = 60_000;

/** last_used_at moves at most once a minute, so a busy agent costs no write per request. */
async function touchToken(db: Db, row: { tokenId: string; userId: string; projectId: string; label: string; lastUsedAt: Date | null }): Promise<void> {
  if (row.lastUsedAt && Date.now() - row.lastUsedAt.getTime() < MINUTE_MS) return;
  await db.transaction(async (tx) => {
    // The condition is re-checked in the UPDATE: of two racing first uses, only one row comes back.
    const [touched] = await tx
      .update(mcpTokens)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(mcpTokens.id, row.tokenId), sql`(${mcpTokens.lastUsedAt} IS NULL OR ${mcpTokens.lastUsedAt} < now() - interval '1 minute')`))
      .returning({ id: mcpTokens.id });
    if (touched && row.lastUsedAt === null) {
      await recordActivity(tx, { projectId: row.projectId, actorUserId: row.userId, type: "mcp.token_first_used", message: `MCP token “${row.label}” connected for the first time`, metadata: { tokenId: row.tokenId } });
    }
  });
}
