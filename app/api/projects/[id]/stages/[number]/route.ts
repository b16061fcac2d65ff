import { readJson, withUser } from "@/lib/auth/route-handler";
import { db } from "@/lib/db/client";
import { getStageView, saveStageOutput, saveUserInput } from "@/lib/stages";
import { stageRef, type StageParams } from "./ref";

export const GET = withUser<StageParams>(async ({ user, params }) => Response.json(await getStageView(db, await stageRef(user, params))));

/** Saves a new version: { content, baseVersion? }. */
export const PUT = withUser<StageParams>(async ({ request, user, params }) => {
  const saved = await saveStageOutput(db, await stageRef(user, params), await readJson(request));
  return Response.json(saved, { status: 201 });
});

/** Saves the user's notes for the stage: { userInput }. */
export const PATCH = withUser<StageParams>(async ({ request, user, params }) => {
  await saveUserInput(db, await stageRef(user, params), await readJson(request));
  return new Response(null, { status: 204 });
});
