import { withUser } from "@/lib/auth/route-handler";
import { db } from "@/lib/db/client";
import { getProject } from "@/lib/projects";
import { listStageSummaries } from "@/lib/stages";

export const GET = withUser<{ id: string }>(async ({ user, params }) => {
  const project = await getProject(db, user.id, params.id);
  return Response.json({ stages: await listStageSummaries(db, project.id) });
});
