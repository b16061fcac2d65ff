import { db } from "../db/client";
import type { StageRef } from "../stages/engine";
import { GENERATION_CHANNEL, getGenerationState, type GenerationEvent } from "./generation";

const terminal = new Set(["done", "failed", "cancelled", "timeout"]);
const encoder = new TextEncoder();

/**
 * Server-sent events for the stage's latest generation: a snapshot (status and text so far, so a
 * reloaded page catches up), then every delta and status change as NOTIFY delivers them.
 */
export async function generationEventStream(ref: StageRef, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const snapshotFor = () => getGenerationState(db, ref);
  // Checks ownership before anything is streamed.
  const first = await snapshotFor();
  // Shared by start() and cancel(): the reader may go away (a reload) at any moment.
  let closed = false;
  const subscription: { unlisten?: () => Promise<void>; keepAlive?: NodeJS.Timeout } = {};
  const release = async () => {
    closed = true;
    clearInterval(subscription.keepAlive);
    await subscription.unlisten?.().catch(() => undefined);
  };
  return new ReadableStream<Uint8Array>({
    cancel: release,
    async start(controller) {
      const write = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const send = (event: string, data: unknown) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      const close = async () => {
        if (closed) return;
        await release();
        try {
          controller.close();
        } catch {
          // The reader cancelled while we were unsubscribing: the stream is already closed.
        }
      };
      signal.addEventListener("abort", () => void close());

      if (!first || terminal.has(first.status)) {
        send("snapshot", first);
        await close();
        return;
      }
      const pending: GenerationEvent[] = [];
      let jobId: string | null = null;
      const forward = (event: GenerationEvent) => {
        send(event.kind, event);
        if (event.kind === "status" && terminal.has(event.status)) void close();
      };
      // Listen before reading the snapshot so nothing falls between them; offsets let the reader drop overlaps.
      const listener = await db.$client.listen(GENERATION_CHANNEL, (payload) => {
        const event = JSON.parse(payload) as GenerationEvent;
        if (jobId === null) pending.push(event);
        else if (event.job === jobId) forward(event);
      });
      subscription.unlisten = listener.unlisten;
      if (closed) return void (await listener.unlisten());
      const snapshot = await snapshotFor();
      jobId = snapshot?.id ?? "";
      send("snapshot", snapshot);
      if (!snapshot || terminal.has(snapshot.status)) return close();
      for (const event of pending) if (event.job === jobId) forward(event);
      subscription.keepAlive = setInterval(() => write(": keep-alive\n\n"), 15_000);
    },
  });
}
