import { ArrowLeftIcon, LockIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { listProviderConfigs } from "@/lib/ai/provider-configs";
import { db } from "@/lib/db/client";
import { getProject } from "@/lib/projects";
import { getStageView, stageByNumber } from "@/lib/stages";
import { orNotFound, requirePageUser } from "../../../../../_lib/page-user";
import { StatusBadge } from "../../stage-status";
import { Stepper } from "../../stepper";
import { TaskProgress } from "../../task-progress";
import { NotesPanel } from "./notes-panel";
import { StageWorkspace } from "./stage-workspace";

type Props = { params: Promise<{ slug: string; number: string }> };

async function load(params: Props["params"]) {
  const { slug, number } = await params;
  const user = await requirePageUser();
  return orNotFound(async () => {
    const project = await getProject(db, user.id, slug);
    const [view, providers] = await Promise.all([getStageView(db, { userId: user.id, projectId: project.id, stageNumber: Number(number) }), listProviderConfigs(db, user.id)]);
    return { ...view, aiAvailable: providers.length > 0 };
  });
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const view = await load(params);
  return { title: `${view.stage.label} · ${view.project.name}` };
}

export default async function StagePage({ params }: Props) {
  const view = await load(params);
  const { stage, project } = view;
  const definition = stageByNumber(stage.number)!;
  const target = { projectId: project.id, stageNumber: stage.number };
  return (
    <div className="grid gap-6">
      <div className="grid gap-4">
        <Link href={`/projects/${project.slug}`} className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
          <ArrowLeftIcon className="size-4" /> {project.name}
        </Link>
        <Stepper slug={project.slug} stages={view.stages} current={stage.number} />
      </div>
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">
          <span className="mr-2 text-muted-foreground">{stage.number}.</span>
          {stage.label}
        </h1>
        <StatusBadge status={stage.status} stale={stage.stale} />
        <span className="text-sm text-muted-foreground">
          {view.activeVersion ? `Version ${view.activeVersion}` : "Not saved yet: starting from the template"} · {definition.format.toUpperCase()}
        </span>
      </header>
      {stage.status === "locked" ? (
        <p className="flex items-center gap-2 rounded-lg border bg-card px-4 py-3 text-sm">
          <LockIcon className="size-4" aria-hidden /> This stage opens when stage {stage.number - 1} is approved.
        </p>
      ) : null}
      {stage.stale ? (
        <p className="rounded-lg border border-destructive/30 bg-destructive/5 px-4 py-3 text-sm">
          An earlier stage changed after this one was written. Review it against the new version, then save or re-approve.
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[1fr_300px]">
        <StageWorkspace
          key={`${stage.number}-${view.activeVersion ?? 0}-${stage.status}`}
          target={target}
          slug={project.slug}
          label={stage.label}
          format={definition.format}
          status={stage.status}
          content={view.content}
          activeVersion={view.activeVersion}
          validation={view.validation}
          crossStage={view.crossStage}
          coverage={view.coverage}
          versions={view.versions}
          aiAvailable={view.aiAvailable}
        />
        <NotesPanel target={target} questions={view.guidance.questions} notes={stage.userInput} editable={stage.status !== "locked"} />
      </div>
      {stage.number === 9 ? <TaskProgress projectId={project.id} /> : null}
    </div>
  );
}
