import { withUser } from "@/lib/auth/route-handler";
import { db } from "@/lib/db/client";
import { reopenStage } from "@/lib/stages";
import { stageRef, type StageParams } from "../ref";

export const POST = withUser<StageParams>(async ({ user, params }) => {
  await reopenStage(db, await stageRef(user, params));
  return new Response(null, { status: 204 });
});
