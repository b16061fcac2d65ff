"use client";

import { LoaderCircleIcon, SparklesIcon, SquareIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import type { GenerationJobStatus } from "@/lib/db/schema";
import { Button } from "../../../../../_components/ui/button";

type Status = GenerationJobStatus;
const isFinished = (status: Status) => status === "done" || status === "failed" || status === "cancelled" || status === "timeout";
type Snapshot = { id: string; status: Status; text: string; error: string | null; outputVersion: number | null } | null;

const progressLabel: Record<Status, string> = {
  queued: "Queued…",
  streaming: "Drafting…",
  validating: "Validating…",
  repairing: "Repairing validation errors…",
  done: "Done",
  failed: "Failed",
  cancelled: "Cancelled",
  timeout: "Timed out",
};

/** The stage's AI draft: start, cancel, and its streamed text; reconnects after a reload while one runs. */
export function useGeneration(apiBase: string, running: boolean) {
  const router = useRouter();
  const [status, setStatus] = useState<Status | null>(running ? "queued" : null);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);

  const follow = useCallback(() => {
    const source = new EventSource(`${apiBase}/generation`);
    const finish = (final: Status, error: string | null, version: number | null) => {
      source.close();
      setStatus(final);
      if (final === "done") toast.success(`AI draft saved as version ${version}`);
      else if (final === "cancelled") toast.message("AI draft cancelled");
      else toast.error(error ?? "The AI draft failed.");
      router.refresh();
    };
    source.addEventListener("snapshot", (event) => {
      const snapshot = JSON.parse(event.data) as Snapshot;
      if (!snapshot) return source.close();
      setText(snapshot.text);
      if (isFinished(snapshot.status)) finish(snapshot.status, snapshot.error, snapshot.outputVersion);
      else setStatus(snapshot.status);
    });
    source.addEventListener("delta", (event) => {
      const delta = JSON.parse(event.data) as { offset: number; text: string };
      // Offsets make replays after the snapshot harmless: only text past what we have is added.
      setText((current) => (delta.offset + delta.text.length <= current.length ? current : current.slice(0, delta.offset) + delta.text));
    });
    source.addEventListener("status", (event) => {
      const change = JSON.parse(event.data) as { status: Status; error?: string | null; version?: number | null };
      if (change.status === "repairing") setText("");
      if (isFinished(change.status)) finish(change.status, change.error ?? null, change.version ?? null);
      else setStatus(change.status);
    });
    source.onerror = () => {
      // The browser retries on its own; the snapshot on reconnect brings the text back.
    };
    return source;
  }, [apiBase, router]);

  useEffect(() => {
    if (!running) return;
    const source = follow();
    return () => source.close();
  }, [running, follow]);

  async function start() {
    setBusy(true);
    const response = await fetch(`${apiBase}/generation`, { method: "POST" });
    setBusy(false);
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      toast.error(body?.error?.message ?? "Could not start the AI draft.");
      return;
    }
    setText("");
    setStatus("queued");
    router.refresh();
  }

  async function cancel() {
    setBusy(true);
    const response = await fetch(`${apiBase}/generation`, { method: "DELETE" });
    setBusy(false);
    if (!response.ok && response.status !== 409) toast.error("Could not cancel the AI draft.");
  }

  const live = status !== null && !isFinished(status);
  return { status, text, busy, live, start, cancel };
}

type Generation = ReturnType<typeof useGeneration>;

export function GenerationButton({ generation, available, canStart }: { generation: Generation; available: boolean; canStart: boolean }) {
  if (!available) {
    return (
      <Button asChild variant="ghost" size="sm">
        <Link href="/settings/ai">
          <SparklesIcon /> Set up AI drafting
        </Link>
      </Button>
    );
  }
  return generation.live ? (
    <Button variant="outline" onClick={generation.cancel} disabled={generation.busy}>
      <SquareIcon /> Cancel draft
    </Button>
  ) : (
    <Button variant="secondary" onClick={generation.start} disabled={generation.busy || !canStart}>
      {generation.busy ? <LoaderCircleIcon className="animate-spin" /> : <SparklesIcon />} Draft with AI
    </Button>
  );
}

/** The draft as it streams in, with what the job is doing now. */
export function GenerationProgress({ generation }: { generation: Generation }) {
  const output = useRef<HTMLPreElement>(null);
  useEffect(() => {
    output.current?.scrollTo({ top: output.current.scrollHeight });
  }, [generation.text]);
  if (!generation.live || generation.status === null) return null;
  return (
    <div className="rounded-lg border bg-card" role="status" aria-live="polite">
      <p className="flex items-center gap-2 border-b px-4 py-2 text-sm font-medium">
        <LoaderCircleIcon className="size-4 animate-spin" aria-hidden /> {progressLabel[generation.status]}
      </p>
      <pre ref={output} aria-label="AI draft" className="max-h-96 overflow-auto px-4 py-3 font-mono text-xs whitespace-pre-wrap">
        {generation.text}
      </pre>
    </div>
  );
}
