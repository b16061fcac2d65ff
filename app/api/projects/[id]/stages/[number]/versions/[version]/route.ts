import { withUser } from "@/lib/auth/route-handler";
import { db } from "@/lib/db/client";
import { getStageVersion } from "@/lib/stages";
import { stageRef, type StageParams } from "../../ref";

export const GET = withUser<StageParams & { version: string }>(async ({ user, params }) =>
  Response.json(await getStageVersion(db, await stageRef(user, params), Number(params.version))),
);
