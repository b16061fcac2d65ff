import { readJson, withUser } from "@/lib/auth/route-handler";
import { db } from "@/lib/db/client";
import { deleteProject, getProject, getProjectStages, renameProject } from "@/lib/projects";

type Params = { id: string };

export const GET = withUser<Params>(async ({ user, params }) => {
  const project = await getProject(db, user.id, params.id);
  return Response.json({ project, stages: await getProjectStages(db, project.id) });
});

export const PATCH = withUser<Params>(async ({ request, user, params }) => {
  const project = await renameProject(db, user.id, params.id, await readJson(request));
  return Response.json({ project });
});

export const DELETE = withUser<Params>(async ({ user, params }) => {
  await deleteProject(db, user.id, params.id);
  return new Response(null, { status: 204 });
});
