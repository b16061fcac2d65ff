import { desc, eq } from "drizzle-orm";
import type { DbOrTx } from "./db/client";
import { activityEvents } from "./db/schema";

export type ActivityInput = {
  projectId: string;
  actorUserId: string | null;
  type: string;
  message: string;
  metadata?: Record<string, unknown>;
};

export async function recordActivity(db: DbOrTx, event: ActivityInput): Promise<void> {
  await db.insert(activityEvents).values({ ...event, metadata: event.metadata ?? {} });
}

/** Callers pass a project id they have already scoped to the user. */
export async function recentActivity(db: DbOrTx, projectId: string, limit = 20) {
  return db
    .select({ id: activityEvents.id, type: activityEvents.type, message: activityEvents.message, createdAt: activityEvents.createdAt })
    .from(activityEvents)
    .where(eq(activityEvents.projectId, projectId))
    .orderBy(desc(activityEvents.createdAt))
    .limit(limit);
}
