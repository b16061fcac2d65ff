import { and, asc, desc, eq, isNull, like, sql } from "drizzle-orm";
import { z } from "zod";
import { recordActivity } from "../activity";
import type { Db, DbOrTx } from "../db/client";
import { projects, stages, templates } from "../db/schema";
import { AppError, notFound, parseInput } from "../errors";
import { stageDefinitions } from "../stages/definitions";
import type { TemplateStageDefaults } from "../templates/schema";
import { firstFreeSlug, slugify } from "./slug";

export const projectNameSchema = z.string().trim().min(1, "Give the project a name.").max(255, "Use at most 255 characters.");

export const createProjectSchema = z.object({
  name: projectNameSchema,
  description: z
    .string()
    .trim()
    .max(2000, "Use at most 2,000 characters.")
    .optional()
    .transform((value) => value || null),
  templateId: z.uuid("Pick a template.").optional(),
});

export const renameProjectSchema = z.object({ name: projectNameSchema });

const uuidOrNull = (value: string) => (z.uuid().safeParse(value).success ? value : null);

export type ProjectSummary = {
  id: string;
  name: string;
  slug: string;
  description: string | null;
  currentStage: number;
  currentStageLabel: string;
  completedStages: number;
  templateName: string | null;
  updatedAt: Date;
};

const liveProjectOf = (userId: string) => and(eq(projects.userId, userId), isNull(projects.deletedAt));

async function freeSlug(db: DbOrTx, userId: string, name: string, exceptProjectId?: string): Promise<string> {
  const base = slugify(name);
  const rows = await db
    .select({ id: projects.id, slug: projects.slug })
    .from(projects)
    .where(and(liveProjectOf(userId), like(projects.slug, `${base}%`)));
  return firstFreeSlug(base, new Set(rows.filter((row) => row.id !== exceptProjectId).map((row) => row.slug)));
}

function isUniqueViolation(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } })?.cause ?? error;
  return (cause as { code?: string })?.code === "23505";
}

/** Two creates racing for one slug: the loser retries with the next free slug. */
async function withSlugRetry<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 0; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!isUniqueViolation(error) || tries >= 4) throw error;
    }
  }
}

/** Creates the project and its nine stages atomically: stage 1 active, the rest locked. */
export async function createProject(db: Db, userId: string, input: unknown) {
  const { name, description, templateId } = parseInput(createProjectSchema, input);
  const [template] = templateId
    ? await db.select({ id: templates.id, name: templates.name, stageDefaults: templates.stageDefaults }).from(templates).where(eq(templates.id, templateId))
    : [];
  if (templateId && !template) throw new AppError("validation", "That template does not exist.", { templateId: ["That template does not exist."] });
  const defaults = template?.stageDefaults as TemplateStageDefaults | undefined;

  return withSlugRetry(() =>
    db.transaction(async (tx) => {
      const slug = await freeSlug(tx, userId, name);
      const [project] = await tx.insert(projects).values({ userId, name, slug, description, templateId: template?.id ?? null }).returning();
      await tx.insert(stages).values(
        stageDefinitions.map((stage) => ({
          projectId: project!.id,
          stageNumber: stage.number,
          stageName: stage.name,
          stageLabel: defaults?.[stage.name]?.label ?? stage.label,
          status: stage.number === 1 ? ("active" as const) : ("locked" as const),
        })),
      );
      await recordActivity(tx, {
        projectId: project!.id,
        actorUserId: userId,
        type: "project.created",
        message: template ? `Created from the ${template.name} template` : "Created",
      });
      return project!;
    }),
  );
}

export async function listProjects(db: DbOrTx, userId: string): Promise<ProjectSummary[]> {
  return db
    .select({
      id: projects.id,
      name: projects.name,
      slug: projects.slug,
      description: projects.description,
      currentStage: projects.currentStage,
      currentStageLabel: sql<string>`coalesce((select ${stages.stageLabel} from ${stages} where ${stages.projectId} = ${projects.id} and ${stages.stageNumber} = ${projects.currentStage}), '')`,
      completedStages: sql<number>`(select count(*)::int from ${stages} where ${stages.projectId} = ${projects.id} and ${stages.status} = 'complete')`,
      templateName: templates.name,
      updatedAt: projects.updatedAt,
    })
    .from(projects)
    .leftJoin(templates, eq(templates.id, projects.templateId))
    .where(liveProjectOf(userId))
    .orderBy(desc(projects.updatedAt), asc(projects.name));
}

/** The user's live project by slug or id; anything else, including another user's, is a 404. */
export async function getProject(db: DbOrTx, userId: string, slugOrId: string) {
  const id = uuidOrNull(slugOrId);
  const [project] = await db
    .select()
    .from(projects)
    .where(and(liveProjectOf(userId), id ? eq(projects.id, id) : eq(projects.slug, slugOrId)));
  if (!project) throw notFound("Project");
  return project;
}

export async function getProjectStages(db: DbOrTx, projectId: string) {
  return db.select().from(stages).where(eq(stages.projectId, projectId)).orderBy(asc(stages.stageNumber));
}

export async function renameProject(db: Db, userId: string, projectId: string, input: unknown) {
  const { name } = parseInput(renameProjectSchema, input);
  return withSlugRetry(() =>
    db.transaction(async (tx) => {
      const project = await getProject(tx, userId, projectId);
      if (project.name === name) return project;
      const slug = await freeSlug(tx, userId, name, project.id);
      const [renamed] = await tx.update(projects).set({ name, slug, updatedAt: new Date() }).where(eq(projects.id, project.id)).returning();
      await recordActivity(tx, { projectId: project.id, actorUserId: userId, type: "project.renamed", message: `Renamed from “${project.name}” to “${name}”` });
      return renamed!;
    }),
  );
}

/** Soft delete: the row stays for the audit trail, the slug becomes free. */
export async function deleteProject(db: Db, userId: string, projectId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const project = await getProject(tx, userId, projectId);
    await tx.update(projects).set({ deletedAt: new Date(), status: "deleted", updatedAt: new Date() }).where(eq(projects.id, project.id));
    await recordActivity(tx, { projectId: project.id, actorUserId: userId, type: "project.deleted", message: "Deleted" });
  });
}
