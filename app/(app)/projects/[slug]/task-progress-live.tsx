"use client";

import { useEffect, useState } from "react";
import type { TaskProgressView, TaskStatus } from "@/lib/mcp/progress";
import { Badge } from "../../../_components/ui/badge";
import { taskProgressAction } from "./connect/actions";

const look: Record<TaskStatus, { text: string; variant: "outline" | "default" | "success" | "destructive" }> = {
  todo: { text: "To do", variant: "outline" },
  in_progress: { text: "In progress", variant: "default" },
  done: { text: "Done", variant: "success" },
  blocked: { text: "Blocked", variant: "destructive" },
};

const POLL_MS = 10_000;

/** Polls while the tab is visible, so a status an agent reports over MCP shows up without a reload. */
export function TaskProgressLive({ projectId, initial }: { projectId: string; initial: TaskProgressView }) {
  const [progress, setProgress] = useState(initial);
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState !== "visible") return;
      void taskProgressAction(projectId).then((result) => {
        if (result.status === "success") setProgress(result.data);
      });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [projectId]);

  const percent = Math.round((progress.counts.done / progress.total) * 100);
  return (
    <section aria-label="Task progress" className="rounded-xl border bg-card p-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-sm font-medium">Task progress</h2>
        <p className="text-xs text-muted-foreground" data-testid="task-counts">
          {progress.counts.done} of {progress.total} done · {progress.counts.in_progress} in progress · {progress.counts.blocked} blocked
        </p>
      </div>
      <div className="mt-3 h-2 overflow-hidden rounded-full bg-muted" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100} aria-label="Tasks done">
        <div className="h-full bg-success" style={{ width: `${percent}%` }} />
      </div>
      <ul className="mt-4 grid gap-2" aria-label="Tasks">
        {progress.tasks.map((task) => (
          <li key={task.id} data-task={task.id} data-status={task.status} className="flex items-start gap-3 text-sm">
            <span className="w-14 shrink-0 font-mono text-xs text-muted-foreground">{task.id}</span>
            <span className="grid flex-1">
              <span>{task.title}</span>
              {task.note ? <span className="text-xs text-muted-foreground">{task.note}</span> : null}
            </span>
            <Badge variant={look[task.status].variant}>{look[task.status].text}</Badge>
          </li>
        ))}
      </ul>
    </section>
  );
}
