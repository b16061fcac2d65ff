import { CheckCircle2Icon, CircleDotIcon, LockIcon, type LucideIcon, LoaderCircleIcon, PencilLineIcon } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { recentActivity } from "@/lib/activity";
import { db } from "@/lib/db/client";
import type { StageStatus } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { getProject, getProjectStages } from "@/lib/projects";
import { Badge } from "../../../_components/ui/badge";
import { requirePageUser } from "../../../_lib/page-user";
import { ProjectActions } from "./project-actions";

type Props = { params: Promise<{ slug: string }> };

const statusLook: Record<StageStatus, { icon: LucideIcon; variant: "secondary" | "default" | "warning" | "success" | "outline"; text: string }> = {
  locked: { icon: LockIcon, variant: "outline", text: "Locked" },
  active: { icon: CircleDotIcon, variant: "default", text: "Active" },
  generating: { icon: LoaderCircleIcon, variant: "secondary", text: "Generating" },
  review: { icon: PencilLineIcon, variant: "warning", text: "In review" },
  complete: { icon: CheckCircle2Icon, variant: "success", text: "Complete" },
};

async function loadProject(slug: string) {
  const user = await requirePageUser();
  try {
    return await getProject(db, user.id, slug);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const project = await loadProject((await params).slug);
  return { title: project.name };
}

const timeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export default async function ProjectPage({ params }: Props) {
  const project = await loadProject((await params).slug);
  const [stages, activity] = await Promise.all([getProjectStages(db, project.id), recentActivity(db, project.id, 10)]);
  return (
    <div className="grid gap-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{project.name}</h1>
          {project.description ? <p className="mt-1 max-w-2xl text-sm text-muted-foreground">{project.description}</p> : null}
        </div>
        <ProjectActions projectId={project.id} name={project.name} />
      </div>
      <div className="grid gap-8 lg:grid-cols-[1fr_300px]">
        <ol className="grid gap-2" aria-label="Stages">
          {stages.map((stage) => {
            const look = statusLook[stage.status];
            const Icon = look.icon;
            return (
              <li key={stage.id} data-stage={stage.stageNumber} data-status={stage.status} className="flex items-center gap-4 rounded-lg border bg-card px-4 py-3">
                <span className="grid size-8 place-items-center rounded-full bg-muted font-mono text-sm">{stage.stageNumber}</span>
                <span className="flex-1 font-medium">{stage.stageLabel}</span>
                <Badge variant={look.variant}>
                  <Icon className="size-3" aria-hidden /> {look.text}
                </Badge>
              </li>
            );
          })}
        </ol>
        <aside className="rounded-xl border bg-card p-5">
          <h2 className="text-sm font-medium">Recent activity</h2>
          <ul className="mt-3 grid gap-3">
            {activity.map((event) => (
              <li key={event.id} className="text-sm">
                <p>{event.message}</p>
                <p className="text-xs text-muted-foreground">{timeFormat.format(event.createdAt)}</p>
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </div>
  );
}
