import { db } from "@/lib/db/client";
import { getTaskProgress } from "@/lib/mcp";
import { TaskProgressLive } from "./task-progress-live";

/** Progress coding agents reported per task of the plan; for the stage-9 page and the project overview. */
export async function TaskProgress({ projectId }: { projectId: string }) {
  const progress = await getTaskProgress(db, projectId);
  if (progress.total === 0) return null;
  return <TaskProgressLive projectId={projectId} initial={progress} />;
}
