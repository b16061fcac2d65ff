import { readJson, withUser } from "@/lib/auth/route-handler";
import { db } from "@/lib/db/client";
import { revertStage } from "@/lib/stages";
import { stageRef, type StageParams } from "../ref";

/** Makes an older version active: { version }. */
export const POST = withUser<StageParams>(async ({ request, user, params }) => {
  await revertStage(db, await stageRef(user, params), await readJson(request));
  return new Response(null, { status: 204 });
});
