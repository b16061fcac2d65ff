"use client";

import { useMemo } from "react";
import type { RequirementCoverage, TasksData } from "@/lib/stages/validators";
import { MermaidDiagram } from "./mermaid";
import { coverageSummary, taskGraphSource, tasksByMilestone } from "./sources";

/** The task plan as a dependency graph grouped by milestone, under a bar showing how much of the must/should scope it covers. */
export function TaskGraph({ tasks, coverage }: { tasks: TasksData; coverage: RequirementCoverage }) {
  const source = useMemo(() => taskGraphSource(tasks), [tasks]);
  const count = tasks.tasks.length;
  const milestones = tasksByMilestone(tasks).size;

  return (
    <div className="grid gap-4">
      <CoverageBar coverage={coverage} />
      {count === 0 ? (
        <p className="text-sm text-muted-foreground">The plan has no tasks to draw yet.</p>
      ) : (
        <MermaidDiagram
          source={source}
          label={`Task dependency graph of ${count} ${count === 1 ? "task" : "tasks"} in ${milestones} ${milestones === 1 ? "milestone" : "milestones"}`}
          fallback={<TaskList tasks={tasks} />}
        />
      )}
    </div>
  );
}

function CoverageBar({ coverage }: { coverage: RequirementCoverage }) {
  const percent = Math.min(100, Math.max(0, coverage.percent));
  return (
    <div className="grid gap-1.5">
      <p className="text-sm">{coverageSummary(coverage)}</p>
      {/* The sentence above carries the numbers for assistive technology; the bar only repeats them visually. */}
      <div className="h-2 overflow-hidden rounded-full bg-muted" aria-hidden="true">
        <div
          className={percent === 100 ? "h-full rounded-full bg-success" : "h-full rounded-full bg-primary"}
          style={{ width: `${percent}%` }}
        />
      </div>
    </div>
  );
}

function TaskList({ tasks }: { tasks: TasksData }) {
  return (
    <div className="grid gap-3">
      {[...tasksByMilestone(tasks)].map(([milestone, members]) => (
        <section key={milestone} className="grid gap-1">
          <h3 className="text-sm font-semibold">{milestone}</h3>
          <ul className="grid gap-1 text-sm">
            {members.map((task) => (
              <li key={task.id}>
                <span className="font-mono">{task.id}</span> {task.title}
                {task.dependsOn.length > 0 && (
                  <span className="text-muted-foreground"> — after {task.dependsOn.join(", ")}</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
