import { withUser } from "@/lib/auth/route-handler";
import { db } from "@/lib/db/client";
import { previewExport } from "@/lib/export";

/** The pre-flight: status and messages an export would carry now; writes nothing. */
export const GET = withUser<{ id: string }>(async ({ user, params }) => Response.json(await previewExport(db, user.id, params.id)));
