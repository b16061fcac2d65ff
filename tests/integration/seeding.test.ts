// Seeding: built-in templates are idempotent and refreshed when their file changes; the demo project is fully approved and valid.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { projects, templates } from "@/lib/db/schema";
import { getProject } from "@/lib/projects";
import { getStageView, listStageSummaries } from "@/lib/stages";
import { seedBuiltInTemplates } from "@/lib/templates";
import { loadTemplateFiles } from "@/lib/templates/seed";
import { seedDemo } from "@/seeds/demo/seed";

describe("built-in templates", () => {
  it("seeds all seven once; a second run changes nothing", async () => {
    const categories = (await db.select({ category: templates.category }).from(templates).where(eq(templates.isBuiltIn, true))).map((t) => t.category).sort();
    expect(categories).toEqual(["api", "cli", "fullstack", "landing", "mobile", "other", "saas"]);
    await expect(seedBuiltInTemplates(db)).resolves.toEqual({ inserted: 0, updated: 0 });
    expect(await db.$count(templates)).toBe(7);
  });

  it("updates a built-in whose file changed, keeping its id", async () => {
    const files = await loadTemplateFiles();
    const [before] = await db.select().from(templates).where(and(eq(templates.category, "api"), eq(templates.isBuiltIn, true)));
    const changed = files.map((file) => (file.category === "api" ? { ...file, description: "A sharper description." } : file));
    await expect(seedBuiltInTemplates(db, changed)).resolves.toEqual({ inserted: 0, updated: 1 });
    const [after] = await db.select().from(templates).where(eq(templates.id, before!.id));
    expect(after!.description).toBe("A sharper description.");
  });
});

describe("demo seed", () => {
  it("creates the demo account with all nine stages approved and every output valid; re-running keeps the project", async () => {
    const demo = await seedDemo(db, "a demo password");
    expect(demo).toMatchObject({ email: "demo@specwright.local", password: "a demo password", createdProject: true });
    const [row] = await db.select().from(projects).where(eq(projects.slug, demo.projectSlug));
    const project = await getProject(db, row!.userId, demo.projectSlug);
    const stages = await listStageSummaries(db, project.id);
    expect(stages.map((s) => [s.status, s.errors, s.stale])).toEqual(Array(9).fill(["complete", 0, false]));
    for (const stage of stages) {
      const view = await getStageView(db, { userId: row!.userId, projectId: project.id, stageNumber: stage.number });
      expect(view.validation.messages.filter((m) => m.level === "error")).toEqual([]);
      expect(view.crossStage).toEqual([]);
    }
    await expect(seedDemo(db, "another password")).resolves.toMatchObject({ createdProject: false, projectSlug: demo.projectSlug });
  });
});
