"use client";

import type { OpenApiData, RequirementCoverage, SqlData, StageData, TasksData } from "@/lib/stages";
import { renderJsonStageMarkdown } from "@/lib/stages/render-markdown";
import { EndpointList } from "./_pictures/endpoint-list";
import { ErDiagram } from "./_pictures/er-diagram";
import { MarkdownPreview } from "./_pictures/markdown-preview";
import { TaskGraph } from "./_pictures/task-graph";
import type { EditorFormat } from "./code-editor";

const isSql = (data: StageData): data is SqlData => "entities" in data;
const isOpenApi = (data: StageData): data is OpenApiData => "operations" in data;
const isTasks = (data: StageData): data is TasksData => "tasks" in data;

function Unavailable() {
  return <p className="rounded-lg border bg-card p-6 text-sm text-muted-foreground">The preview appears once the draft parses. See the validation messages under the editor.</p>;
}

/** The draft as a reader sees it: rendered Markdown, and pictures for the data model, API and plan. */
export function StagePreview({ stageNumber, label, format, content, data, coverage }: { stageNumber: number; label: string; format: EditorFormat; content: string; data: StageData | null; coverage: RequirementCoverage | null }) {
  if (format === "md") return <MarkdownPreview content={content} />;
  if (!data) return <Unavailable />;
  if (isSql(data)) return <ErDiagram data={data} />;
  if (isOpenApi(data)) return <EndpointList data={data} />;
  if ("commands" in data) {
    return (
      <div className="rounded-lg border bg-card p-5">
        <h3 className="font-medium">{data.cli}: commands</h3>
        <ul className="mt-3 grid gap-1 font-mono text-sm">
          {data.commands.map((command) => (
            <li key={command}>{command}</li>
          ))}
        </ul>
      </div>
    );
  }
  const markdown = renderJsonStageMarkdown(stageNumber, label, data);
  return (
    <div className="grid gap-6">
      {isTasks(data) && coverage ? <TaskGraph tasks={data} coverage={coverage} /> : null}
      {markdown ? <MarkdownPreview content={markdown} /> : <Unavailable />}
    </div>
  );
}
