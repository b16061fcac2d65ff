import type { SessionUser } from "@/lib/auth/accounts";
import { db } from "@/lib/db/client";
import { getProject } from "@/lib/projects";

export type StageParams = { id: string; number: string };

/** Resolves the URL's project (slug or id) for this user; the stage number is checked by lib/stages. */
export async function stageRef(user: SessionUser, params: StageParams) {
  const project = await getProject(db, user.id, params.id);
  return { userId: user.id, projectId: project.id, stageNumber: Number(params.number) };
}
