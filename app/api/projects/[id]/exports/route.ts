import { readJson, withUser } from "@/lib/auth/route-handler";
import { db } from "@/lib/db/client";
import { createExport, listExports } from "@/lib/export";

type Params = { id: string };

export const GET = withUser<Params>(async ({ user, params }) => Response.json({ exports: await listExports(db, user.id, params.id) }));

/** Body `{ "format": "zip" | "folder" }`; answers 201 with the export, 422 when the project has no outputs. */
export const POST = withUser<Params>(async ({ request, user, params }) => {
  const exported = await createExport(db, user.id, params.id, await readJson(request));
  return Response.json({ export: exported }, { status: 201 });
});
