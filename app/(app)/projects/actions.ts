"use server";

import { revalidatePath } from "next/cache";
import { setProjectProvider } from "@/lib/ai/provider-configs";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { createProject, deleteProject, renameProject } from "@/lib/projects";
import { runAction } from "../../_lib/run-action";

export async function createProjectAction(input: { name: string; description?: string; templateId?: string }) {
  return runAction(async () => {
    const user = await requireUser();
    const project = await createProject(db, user.id, input);
    revalidatePath("/projects");
    return { slug: project.slug };
  });
}

export async function renameProjectAction(projectId: string, name: string) {
  return runAction(async () => {
    const user = await requireUser();
    const project = await renameProject(db, user.id, projectId, { name });
    revalidatePath("/projects");
    return { slug: project.slug };
  });
}

export async function deleteProjectAction(projectId: string) {
  return runAction(async () => {
    const user = await requireUser();
    await deleteProject(db, user.id, projectId);
    revalidatePath("/projects");
  });
}

export async function setProjectProviderAction(projectId: string, configId: string | null) {
  return runAction(async () => {
    const user = await requireUser();
    await setProjectProvider(db, user.id, projectId, configId);
    revalidatePath("/projects", "layout");
  });
}
