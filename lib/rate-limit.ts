import { and, count, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "./db/client";
import { rateLimitHits } from "./db/schema";

export type Window = { limit: number; windowMs: number };

const since = (windowMs: number) => sql`now() - make_interval(secs => ${windowMs / 1000})`;

/** True when any key already has `limit` hits inside the sliding window. */
export async function isRateLimited(db: DbOrTx, keys: string[], { limit, windowMs }: Window): Promise<boolean> {
  const rows = await db
    .select({ key: rateLimitHits.key, hits: count() })
    .from(rateLimitHits)
    .where(and(inArray(rateLimitHits.key, keys), gt(rateLimitHits.createdAt, since(windowMs))))
    .groupBy(rateLimitHits.key);
  return rows.some((row) => row.hits >= limit);
}

export async function recordHits(db: DbOrTx, keys: string[]): Promise<void> {
  await db.insert(rateLimitHits).values(keys.map((key) => ({ key })));
  // Old hits are pruned now and then rather than by a scheduler, so no extra process is needed.
  if (Math.random() < 0.01) await db.delete(rateLimitHits).where(lt(rateLimitHits.createdAt, sql`now() - interval '1 day'`));
}

export async function clearHits(db: DbOrTx, key: string): Promise<void> {
  await db.delete(rateLimitHits).where(eq(rateLimitHits.key, key));
}
