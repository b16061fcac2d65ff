import { randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { hashPassword } from "../../lib/auth/password";
import type { Db } from "../../lib/db/client";
import { projects, templates, users } from "../../lib/db/schema";
import { createProject } from "../../lib/projects";
import { approveStage, saveStageOutput } from "../../lib/stages";
import { fixtureStages, readStageFixture } from "./load";

export const DEMO_EMAIL = "demo@specwright.local";
export const DEMO_PROJECT_NAME = "Tandem";

export type DemoSeed = { email: string; password: string; projectSlug: string; createdProject: boolean };

/**
 * The demo account with one fully approved nine-stage project. Re-running keeps the project and
 * gives the account a fresh password (printed by the seed command).
 */
export async function seedDemo(db: Db, password = randomBytes(12).toString("base64url")): Promise<DemoSeed> {
  const passwordHash = await hashPassword(password);
  const [user] = await db
    .insert(users)
    .values({ email: DEMO_EMAIL, name: "Demo User", passwordHash })
    .onConflictDoUpdate({ target: users.email, set: { passwordHash, updatedAt: new Date() } })
    .returning({ id: users.id });
  const userId = user!.id;

  const [existing] = await db
    .select({ slug: projects.slug })
    .from(projects)
    .where(and(eq(projects.userId, userId), eq(projects.name, DEMO_PROJECT_NAME), isNull(projects.deletedAt)));
  if (existing) return { email: DEMO_EMAIL, password, projectSlug: existing.slug, createdProject: false };

  const [saas] = await db.select({ id: templates.id }).from(templates).where(and(eq(templates.category, "saas"), eq(templates.isBuiltIn, true)));
  const project = await createProject(db, userId, {
    name: DEMO_PROJECT_NAME,
    description: "A shared to-do list for small teams: assign, comment, and see what is blocked. The demo project, approved through all nine stages.",
    templateId: saas?.id,
  });
  for (const stageNumber of fixtureStages) {
    const ref = { userId, projectId: project.id, stageNumber };
    await saveStageOutput(db, ref, { content: readStageFixture(stageNumber) });
    await approveStage(db, ref);
  }
  return { email: DEMO_EMAIL, password, projectSlug: project.slug, createdProject: true };
}
