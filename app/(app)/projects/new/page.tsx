import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { stageDefinitions } from "@/lib/stages/definitions";
import { listTemplates } from "@/lib/templates";
import { requirePageUser } from "../../../_lib/page-user";
import { NewProjectForm, type TemplateOption } from "./new-project-form";

export const metadata: Metadata = { title: "New project" };

export default async function NewProjectPage() {
  await requirePageUser();
  const templates: TemplateOption[] = (await listTemplates(db)).map((template) => ({
    id: template.id,
    name: template.name,
    description: template.description,
    category: template.category,
    icon: template.icon,
    stages: stageDefinitions.map((stage) => ({
      number: stage.number,
      label: template.stageDefaults[stage.name]?.label ?? stage.label,
      firstQuestion: template.stageDefaults[stage.name]?.questions[0] ?? "",
    })),
  }));
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">New project</h1>
        <p className="text-sm text-muted-foreground">Name it, pick the template closest to what you are building, and start at stage 1.</p>
      </div>
      <NewProjectForm templates={templates} />
    </div>
  );
}
