import { and, asc, eq, gte, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { aiGenerations, projects, stages, users } from "../db/schema";
import { AppError, parseInput } from "../errors";
import { decimalToMicros, microsToDecimal } from "./pricing";

const monthStart = sql`date_trunc('month', now())`;
const ownedBy = (userId: string) => eq(projects.userId, userId);

/** Spend this calendar month in micro-dollars, summed exactly in Postgres numeric. */
export async function monthSpendMicros(db: DbOrTx, userId: string): Promise<bigint> {
  const [row] = await db
    .select({ micros: sql<string>`coalesce(sum(${aiGenerations.estimatedCost}) * 1000000, 0)::bigint::text` })
    .from(aiGenerations)
    .innerJoin(stages, eq(stages.id, aiGenerations.stageId))
    .innerJoin(projects, eq(projects.id, stages.projectId))
    .where(and(ownedBy(userId), gte(aiGenerations.createdAt, monthStart)));
  return BigInt(row?.micros ?? "0");
}

export async function getMonthlyBudget(db: DbOrTx, userId: string): Promise<string | null> {
  const [row] = await db.select({ preferences: users.preferences }).from(users).where(eq(users.id, userId));
  return row?.preferences?.monthlyBudgetUsd ?? null;
}

export const budgetSchema = z.object({
  monthlyBudgetUsd: z
    .string()
    .trim()
    .refine((value) => value === "" || decimalToMicros(value) !== null, { error: "Enter an amount in dollars, like 20 or 12.50." }),
});

/** Sets or clears (empty string) the monthly budget kept in users.preferences. */
export async function setMonthlyBudget(db: DbOrTx, userId: string, input: unknown): Promise<void> {
  const { monthlyBudgetUsd } = parseInput(budgetSchema, input);
  const value = monthlyBudgetUsd === "" ? null : microsToDecimal(decimalToMicros(monthlyBudgetUsd)!);
  await db
    .update(users)
    .set({ preferences: sql`coalesce(${users.preferences}, '{}'::jsonb) || jsonb_build_object('monthlyBudgetUsd', ${value}::text)`, updatedAt: new Date() })
    .where(eq(users.id, userId));
}

/** Refuses generation once this month's spend has reached the budget; nothing is called then. */
export async function assertWithinBudget(db: DbOrTx, userId: string): Promise<void> {
  const budget = await getMonthlyBudget(db, userId);
  const limit = budget ? decimalToMicros(budget) : null;
  if (limit === null) return;
  const spent = await monthSpendMicros(db, userId);
  if (spent >= limit) {
    const usd = (value: string) => `$${Number(value).toFixed(2)}`;
    throw new AppError("budget_exceeded", `This month's AI budget of ${usd(budget!)} is spent (${usd(microsToDecimal(spent))} so far). Raise it on the Usage page or wait until next month.`);
  }
}

export type UsageRow = { key: string; label: string; calls: number; inputTokens: number; outputTokens: number; cost: string };

function usageQuery(db: DbOrTx, userId: string, since: Date, key: SQL, label: SQL) {
  return db
    .select({
      key: sql<string>`${key}::text`,
      label: sql<string>`${label}::text`,
      calls: sql<number>`count(*)::int`,
      inputTokens: sql<number>`coalesce(sum(${aiGenerations.inputTokens}), 0)::int`,
      outputTokens: sql<number>`coalesce(sum(${aiGenerations.outputTokens}), 0)::int`,
      cost: sql<string>`coalesce(sum(${aiGenerations.estimatedCost}), 0)::numeric(14,6)::text`,
    })
    .from(aiGenerations)
    .innerJoin(stages, eq(stages.id, aiGenerations.stageId))
    .innerJoin(projects, eq(projects.id, stages.projectId))
    .where(and(ownedBy(userId), gte(aiGenerations.createdAt, since)));
}

function grouped(db: DbOrTx, userId: string, since: Date, key: SQL, label: SQL): Promise<UsageRow[]> {
  return usageQuery(db, userId, since, key, label).groupBy(key, label).orderBy(asc(key));
}

/** Tokens and cost of the user's calls since `since`, by project, stage, model and day, with the total. */
export async function usageBreakdown(db: DbOrTx, userId: string, since: Date) {
  const day = sql`to_char(date_trunc('day', ${aiGenerations.createdAt} at time zone 'UTC'), 'YYYY-MM-DD')`;
  const [byProject, byStage, byModel, byDay, total] = await Promise.all([
    grouped(db, userId, since, sql`${projects.id}`, sql`${projects.name}`),
    grouped(db, userId, since, sql`${stages.stageNumber}`, sql`${stages.stageName}`),
    grouped(db, userId, since, sql`${aiGenerations.model}`, sql`${aiGenerations.model}`),
    grouped(db, userId, since, day, day),
    usageQuery(db, userId, since, sql`'all'`, sql`'Total'`),
  ]);
  const empty: UsageRow = { key: "all", label: "Total", calls: 0, inputTokens: 0, outputTokens: 0, cost: "0.000000" };
  return { byProject, byStage, byModel, byDay, total: total[0] ?? empty };
}

const DAY_MS = 86_400_000;

/** The Usage page's figures: this month by project, stage, model and day; the last 30 days day by day; budget and spend. */
export async function usageDashboard(db: DbOrTx, userId: string, now = new Date()) {
  const monthStartUtc = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const days = Array.from({ length: 30 }, (_, index) => new Date(now.getTime() - (29 - index) * DAY_MS).toISOString().slice(0, 10));
  const [month, last30, budget, spent] = await Promise.all([
    usageBreakdown(db, userId, monthStartUtc),
    usageBreakdown(db, userId, new Date(`${days[0]}T00:00:00Z`)),
    getMonthlyBudget(db, userId),
    monthSpendMicros(db, userId),
  ]);
  const byDay = new Map(last30.byDay.map((row) => [row.key, row]));
  return {
    month,
    daily: days.map((day) => ({ day, tokens: (byDay.get(day)?.inputTokens ?? 0) + (byDay.get(day)?.outputTokens ?? 0), cost: byDay.get(day)?.cost ?? "0.000000" })),
    budget,
    spent: microsToDecimal(spent),
  };
}
