import { ArrowRightIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { recentActivity } from "@/lib/activity";
import { listProviderConfigs } from "@/lib/ai/provider-configs";
import { db } from "@/lib/db/client";
import { getProject } from "@/lib/projects";
import { listStageSummaries, STAGE_COUNT } from "@/lib/stages";
import { Button } from "../../../_components/ui/button";
import { orNotFound, requirePageUser } from "../../../_lib/page-user";
import { ProjectActions } from "./project-actions";
import { ProjectNav } from "./project-nav";
import { ProviderPicker } from "./provider-picker";
import { StatusBadge } from "./stage-status";
import { TaskProgress } from "./task-progress";

type Props = { params: Promise<{ slug: string }> };

async function loadProject(slug: string) {
  const user = await requirePageUser();
  return orNotFound(() => getProject(db, user.id, slug));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const project = await loadProject((await params).slug);
  return { title: project.name };
}

const timeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export default async function ProjectPage({ params }: Props) {
  const project = await loadProject((await params).slug);
  const [stages, activity, providers] = await Promise.all([listStageSummaries(db, project.id), recentActivity(db, project.id, 12), listProviderConfigs(db, project.userId)]);
  const completed = stages.filter((stage) => stage.status === "complete").length;
  const current = stages.find((stage) => stage.number === project.currentStage);
  return (
    <div className="grid gap-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{project.name}</h1>
          {project.description ? <p className="mt-1 max-w-2xl text-sm text-muted-foreground">{project.description}</p> : null}
          <div className="mt-2 flex flex-wrap items-center gap-4">
            <p className="text-sm text-muted-foreground">
              {completed} of {STAGE_COUNT} stages approved
            </p>
            <ProviderPicker
              projectId={project.id}
              current={project.aiProviderId}
              providers={providers.map((provider) => ({ id: provider.id, label: provider.label, model: provider.defaultModel, isDefault: provider.isDefault }))}
            />
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          {current ? (
            <Button asChild size="sm">
              <Link href={`/projects/${project.slug}/stages/${current.number}`}>
                {completed === STAGE_COUNT ? "Review the plan" : `Continue: ${current.label}`} <ArrowRightIcon />
              </Link>
            </Button>
          ) : null}
          <ProjectActions projectId={project.id} name={project.name} />
        </div>
      </div>
      <ProjectNav slug={project.slug} />
      <div className="grid gap-8 lg:grid-cols-[1fr_300px]">
        <ol className="grid gap-2" aria-label="Stages">
          {stages.map((stage) => (
            <li key={stage.number} data-stage={stage.number} data-status={stage.status} data-stale={stage.stale || undefined}>
              <Link
                href={`/projects/${project.slug}/stages/${stage.number}`}
                className="flex items-center gap-4 rounded-lg border bg-card px-4 py-3 transition hover:border-primary/40"
              >
                <span className="grid size-8 place-items-center rounded-full bg-muted font-mono text-sm">{stage.number}</span>
                <span className="grid flex-1">
                  <span className="font-medium">{stage.label}</span>
                  <span className="text-xs text-muted-foreground">
                    {stage.version ? `Version ${stage.version}` : "No version yet"}
                    {stage.errors ? ` · ${stage.errors} errors` : ""}
                    {stage.warnings ? ` · ${stage.warnings} warnings` : ""}
                  </span>
                </span>
                <StatusBadge status={stage.status} stale={stage.stale} />
              </Link>
            </li>
          ))}
        </ol>
        <aside className="rounded-xl border bg-card p-5">
          <h2 className="text-sm font-medium">Recent activity</h2>
          <ul className="mt-3 grid gap-3" aria-label="Recent activity">
            {activity.map((event) => (
              <li key={event.id} className="text-sm">
                <p>{event.message}</p>
                <p className="text-xs text-muted-foreground">{timeFormat.format(event.createdAt)}</p>
              </li>
            ))}
          </ul>
        </aside>
      </div>
      <TaskProgress projectId={project.id} />
    </div>
  );
}
