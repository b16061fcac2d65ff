import { cancelGeneration, startGeneration } from "@/lib/ai/generation";
import { generationQueue } from "@/lib/ai/queue";
import { generationEventStream } from "@/lib/ai/relay";
import { withUser } from "@/lib/auth/route-handler";
import { db } from "@/lib/db/client";
import { stageRef, type StageParams } from "../ref";

/** Server-sent events of the stage's latest AI draft. */
export const GET = withUser<StageParams>(async ({ request, user, params }) => {
  const stream = await generationEventStream(await stageRef(user, params), request.signal);
  return new Response(stream, { headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", Connection: "keep-alive" } });
});

/** Starts an AI draft, or returns the one already running. */
export const POST = withUser<StageParams>(async ({ user, params }) => {
  const queue = await generationQueue();
  const started = await startGeneration(db, await stageRef(user, params), queue.enqueue);
  return Response.json(started, { status: started.alreadyRunning ? 200 : 202 });
});

export const DELETE = withUser<StageParams>(async ({ user, params }) => {
  await cancelGeneration(db, await stageRef(user, params));
  return new Response(null, { status: 204 });
});
