import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { projects, stageOutputs, stages, templates } from "../db/schema";
import { listStageSummaries } from "../stages";

export type SourceStage = {
  number: number;
  /** The stage's fixed name ("data_model"), which names its files. */
  name: string;
  /** The label the project's template gives it. */
  label: string;
  format: string;
  approved: boolean;
  approvedAt: Date | null;
  stale: boolean;
  output: { version: number; content: string } | null;
};

export type PackageSource = {
  project: { id: string; name: string; slug: string; description: string | null };
  template: { name: string; category: string } | null;
  stages: SourceStage[];
};

type ProjectRow = typeof projects.$inferSelect;

/** The active version of every stage of a project the caller has already scoped to its owner. */
export async function loadPackageSource(db: DbOrTx, project: ProjectRow): Promise<PackageSource> {
  const [summaries, outputs, stageRows, templateRows] = await Promise.all([
    listStageSummaries(db, project.id),
    db
      .select({ number: stages.stageNumber, version: stageOutputs.version, content: stageOutputs.content })
      .from(stageOutputs)
      .innerJoin(stages, eq(stages.id, stageOutputs.stageId))
      .where(and(eq(stages.projectId, project.id), eq(stageOutputs.isActive, true))),
    db.select({ number: stages.stageNumber, completedAt: stages.completedAt }).from(stages).where(eq(stages.projectId, project.id)),
    project.templateId ? db.select({ name: templates.name, category: templates.category }).from(templates).where(eq(templates.id, project.templateId)) : Promise.resolve([]),
  ]);
  const outputByStage = new Map(outputs.map((output) => [output.number, output]));
  const completedAt = new Map(stageRows.map((row) => [row.number, row.completedAt]));
  return {
    project: { id: project.id, name: project.name, slug: project.slug, description: project.description },
    template: templateRows[0] ?? null,
    stages: summaries.map((summary) => {
      const output = outputByStage.get(summary.number);
      const approved = summary.status === "complete";
      return {
        number: summary.number,
        name: summary.name,
        label: summary.label,
        format: summary.format,
        approved,
        approvedAt: approved ? (completedAt.get(summary.number) ?? null) : null,
        stale: summary.stale,
        output: output ? { version: output.version, content: output.content } : null,
      };
    }),
  };
}
