"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { createToken, getTaskProgress, revokeToken } from "@/lib/mcp";
import { getProject } from "@/lib/projects";
import { runAction } from "../../../../_lib/run-action";

export async function createTokenAction(projectId: string, input: { label: string; expiresInDays?: string }) {
  return runAction(async () => {
    const user = await requireUser();
    const { token, summary } = await createToken(db, user.id, projectId, { label: input.label, expiresInDays: input.expiresInDays || undefined });
    revalidatePath("/projects/[slug]/connect", "page");
    return { token, summary };
  });
}

export async function revokeTokenAction(projectId: string, tokenId: string) {
  return runAction(async () => {
    const user = await requireUser();
    await revokeToken(db, user.id, projectId, tokenId);
    revalidatePath("/projects/[slug]/connect", "page");
  });
}

/** Polled by the task-progress panels, so progress an agent reports appears without a reload. */
export async function taskProgressAction(projectId: string) {
  return runAction(async () => {
    const user = await requireUser();
    const project = await getProject(db, user.id, projectId);
    return getTaskProgress(db, project.id);
  });
}
