import { readJson, withUser } from "@/lib/auth/route-handler";
import { db } from "@/lib/db/client";
import { createProject, listProjects } from "@/lib/projects";

export const GET = withUser(async ({ user }) => Response.json({ projects: await listProjects(db, user.id) }));

export const POST = withUser(async ({ request, user }) => {
  const project = await createProject(db, user.id, await readJson(request));
  return Response.json({ project }, { status: 201 });
});
