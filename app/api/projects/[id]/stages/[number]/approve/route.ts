import { withUser } from "@/lib/auth/route-handler";
import { db } from "@/lib/db/client";
import { approveStage } from "@/lib/stages";
import { stageRef, type StageParams } from "../ref";

export const POST = withUser<StageParams>(async ({ user, params }) => Response.json(await approveStage(db, await stageRef(user, params))));
