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

// Old hits are pruned now and then rather than by a scheduler, so no extra process is needed.
async function pruneSometimes(db: DbOrTx): Promise<void> {
  if (Math.random() < 0.01) await db.delete(rateLimitHits).where(lt(rateLimitHits.createdAt, sql`now() - interval '1 day'`));
}

export async function recordHits(db: DbOrTx, keys: string[]): Promise<void> {
  await db.insert(rateLimitHits).values(keys.map((key) => ({ key })));
  await pruneSometimes(db);
}

/**
 * Records one hit and counts the hits before it inside the window, in one statement: the count
 * cannot see the row its own statement inserts, so the answer never depends on timing. Callers
 * record refused requests too, so a client that keeps hammering stays refused.
 */
export async function hitAndCount(db: DbOrTx, key: string, windowMs: number): Promise<number> {
  const [row] = await db.execute<{ hits: number }>(sql`
    with hit as (insert into ${rateLimitHits} (key) values (${key}) returning 1)
    select count(*)::int as hits from ${rateLimitHits}
    where ${rateLimitHits.key} = ${key} and ${rateLimitHits.createdAt} > now() - make_interval(secs => ${windowMs / 1000})`);
  await pruneSometimes(db);
  return row!.hits;
}

export async function clearHits(db: DbOrTx, key: string): Promise<void> {
  await db.delete(rateLimitHits).where(eq(rateLimitHits.key, key));
}
