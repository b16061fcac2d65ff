"use client";

import { CheckIcon, LoaderCircleIcon, RotateCcwIcon, SaveIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState, useTransition } from "react";
import { toast } from "sonner";
import type { StageStatus } from "@/lib/db/schema";
import type { RequirementCoverage, StageData, ValidationMessage, VersionSummary } from "@/lib/stages";
import { Button } from "../../../../../_components/ui/button";
import { cn } from "../../../../../_components/ui/cn";
import { approveAction, reopenAction, saveOutputAction, validateDraftAction } from "./actions";
import { CodeEditor, type EditorFormat, type EditorMarker } from "./code-editor";
import { GenerationButton, GenerationProgress, useGeneration } from "./generation-panel";
import { StagePreview } from "./stage-preview";
import { ValidationList } from "./validation-list";
import { VersionHistory } from "./version-history";

export type WorkspaceProps = {
  target: { projectId: string; stageNumber: number };
  slug: string;
  label: string;
  format: EditorFormat;
  status: StageStatus;
  content: string;
  activeVersion: number | null;
  validation: { messages: ValidationMessage[]; data: StageData | null };
  crossStage: ValidationMessage[];
  coverage: RequirementCoverage | null;
  versions: VersionSummary[];
  aiAvailable: boolean;
};

const tabs = ["Edit", "Preview", "History"] as const;

/** Messages whose path is a position ("12:5": parser errors) are also marked in the editor. */
function editorMarkers(messages: ValidationMessage[]): EditorMarker[] {
  return messages.flatMap((message) => {
    const position = /^(\d+):(\d+)$/.exec(message.path);
    return position ? [{ line: Number(position[1]), col: Number(position[2]), level: message.level, message: message.message }] : [];
  });
}
type Tab = (typeof tabs)[number];

export function StageWorkspace(props: WorkspaceProps) {
  const { target, status, activeVersion } = props;
  const router = useRouter();
  const [tab, setTab] = useState<Tab>("Edit");
  const [content, setContent] = useState(props.content);
  const [live, setLive] = useState<{ content: string; validation: WorkspaceProps["validation"] } | null>(null);
  const [pending, startTransition] = useTransition();

  const editable = status === "active" || status === "review";
  const dirty = content !== props.content || activeVersion === null;
  const dirtyEdits = content !== props.content;
  const validation = content === props.content ? props.validation : (live?.validation ?? props.validation);
  const checking = content !== props.content && live?.content !== content;
  const errors = validation.messages.filter((message) => message.level === "error");
  const markers = useMemo(() => editorMarkers(validation.messages), [validation.messages]);
  const generation = useGeneration(`/api/projects/${target.projectId}/stages/${target.stageNumber}`, status === "generating");

  // Live validation of the draft: debounced, and a stale answer is dropped.
  useEffect(() => {
    if (content === props.content) return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      const result = await validateDraftAction(target, content);
      if (cancelled) return;
      const validation =
        result.status === "success"
          ? result.data
          : { messages: [{ level: "error" as const, stage: target.stageNumber, code: "invalid_input", message: result.status === "error" ? result.message : "", path: "" }], data: null };
      setLive({ content, validation });
    }, 400);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [content, props.content, target]);

  const approveBlockers = [
    status === "locked" ? `Approve stage ${target.stageNumber - 1} first.` : null,
    status === "complete" ? "Already approved." : null,
    status === "generating" ? "Wait for the AI draft to finish." : null,
    editable && activeVersion === null ? "Save a first version." : null,
    editable && activeVersion !== null && content !== props.content ? "Save your changes first." : null,
    editable && errors.length > 0 ? `Fix ${errors.length} validation error${errors.length === 1 ? "" : "s"}.` : null,
  ].filter((reason): reason is string => reason !== null);

  function save() {
    startTransition(async () => {
      const result = await saveOutputAction(target, content, activeVersion ?? 0);
      if (result.status === "success") {
        toast.success(`Saved version ${result.data.version}`);
        router.refresh();
      } else if (result.status === "error") toast.error(result.fieldErrors?.content?.[0] ?? result.message);
    });
  }

  function approve() {
    startTransition(async () => {
      const result = await approveAction(target);
      if (result.status === "success") {
        toast.success(`${props.label} approved`);
        router.push(target.stageNumber < 9 ? `/projects/${props.slug}/stages/${target.stageNumber + 1}` : `/projects/${props.slug}`);
        router.refresh();
      } else if (result.status === "error") toast.error(result.message);
    });
  }

  function reopen() {
    startTransition(async () => {
      const result = await reopenAction(target);
      if (result.status === "success") {
        toast.success(`${props.label} reopened`);
        router.refresh();
      } else if (result.status === "error") toast.error(result.message);
    });
  }

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div role="tablist" aria-label="Stage views" className="inline-flex rounded-lg border bg-muted p-1">
          {tabs.map((name) => (
            <button
              key={name}
              role="tab"
              aria-selected={tab === name}
              onClick={() => setTab(name)}
              className={cn("rounded-md px-3 py-1 text-sm font-medium", tab === name ? "bg-background shadow-sm" : "text-muted-foreground hover:text-foreground")}
            >
              {name}
              {name === "History" ? ` (${props.versions.length})` : ""}
            </button>
          ))}
        </div>
        <div className="flex flex-wrap items-center justify-end gap-2">
          <GenerationButton generation={generation} available={props.aiAvailable} canStart={editable && !dirtyEdits} />
          {editable ? (
            <Button variant="outline" onClick={save} disabled={pending || (!dirty && activeVersion !== null)}>
              {pending ? <LoaderCircleIcon className="animate-spin" /> : <SaveIcon />} Save version
            </Button>
          ) : null}
          {status === "complete" ? (
            <Button variant="outline" onClick={reopen} disabled={pending}>
              <RotateCcwIcon /> Reopen
            </Button>
          ) : (
            <Button onClick={approve} disabled={pending || approveBlockers.length > 0} aria-describedby="approve-blockers">
              <CheckIcon /> Approve
            </Button>
          )}
        </div>
      </div>
      {approveBlockers.length > 0 && status !== "complete" ? (
        <p id="approve-blockers" className="text-right text-xs text-muted-foreground">
          To approve: {approveBlockers.join(" ")}
        </p>
      ) : null}

      <GenerationProgress generation={generation} />

      <div role="tabpanel" aria-label={tab}>
        {tab === "Edit" ? (
          <div className="grid gap-4">
            <CodeEditor value={content} format={props.format} readOnly={!editable} onChange={setContent} label={`${props.label} editor`} markers={markers} />
            <div className="relative">
              {checking ? <LoaderCircleIcon className="absolute top-2.5 right-40 size-4 animate-spin text-muted-foreground" aria-label="Checking" /> : null}
              <ValidationList messages={validation.messages} title="Validation" />
            </div>
            {props.crossStage.length > 0 ? <ValidationList messages={props.crossStage} title="Traceability across stages" /> : null}
          </div>
        ) : tab === "Preview" ? (
          <StagePreview stageNumber={target.stageNumber} label={props.label} format={props.format} content={content} data={validation.data} coverage={props.coverage} />
        ) : (
          <VersionHistory target={target} versions={props.versions} canRevert={editable} />
        )}
      </div>
    </div>
  );
}
