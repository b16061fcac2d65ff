import { FolderKanbanIcon, PlusIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { listProjects } from "@/lib/projects";
import { STAGE_COUNT } from "@/lib/stages/definitions";
import { Button } from "../../_components/ui/button";
import { requirePageUser } from "../../_lib/page-user";

export const metadata: Metadata = { title: "Projects" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export default async function ProjectsPage() {
  const user = await requirePageUser();
  const projects = await listProjects(db, user.id);
  return (
    <div className="grid gap-6">
      <div className="flex items-center justify-between">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Projects</h1>
          <p className="text-sm text-muted-foreground">Each project walks from vision to implementation plan in nine stages.</p>
        </div>
        <Button asChild>
          <Link href="/projects/new">
            <PlusIcon /> New project
          </Link>
        </Button>
      </div>
      {projects.length === 0 ? (
        <div className="grid place-items-center rounded-xl border border-dashed bg-background px-6 py-16 text-center">
          <FolderKanbanIcon className="size-10 text-muted-foreground" />
          <h2 className="mt-4 font-semibold">No projects yet</h2>
          <p className="mt-1 max-w-sm text-sm text-muted-foreground">Start from a template: every stage comes prefilled with guiding questions and a skeleton.</p>
          <Button asChild className="mt-6">
            <Link href="/projects/new">Create a project</Link>
          </Button>
        </div>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Your projects">
          {projects.map((project) => (
            <li key={project.id}>
              <Link href={`/projects/${project.slug}`} className="group block h-full rounded-xl border bg-card p-5 shadow-sm transition hover:border-primary/40 hover:shadow-md">
                <div className="flex items-start justify-between gap-2">
                  <h2 className="font-semibold group-hover:text-primary">{project.name}</h2>
                  {project.templateName ? <span className="text-xs text-muted-foreground">{project.templateName}</span> : null}
                </div>
                {project.description ? <p className="mt-1 line-clamp-2 text-sm text-muted-foreground">{project.description}</p> : null}
                <div className="mt-4">
                  <div className="flex justify-between text-xs text-muted-foreground">
                    <span>
                      Stage {project.currentStage} · {project.currentStageLabel}
                    </span>
                    <span>
                      {project.completedStages}/{STAGE_COUNT}
                    </span>
                  </div>
                  <div className="mt-1.5 h-1.5 rounded-full bg-muted">
                    <div className="h-full rounded-full bg-primary" style={{ width: `${(project.completedStages / STAGE_COUNT) * 100}%` }} />
                  </div>
                </div>
                <p className="mt-3 text-xs text-muted-foreground">Updated {dateFormat.format(project.updatedAt)}</p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
