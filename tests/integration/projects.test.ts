// Projects: creation with nine stages in one transaction, slugs, listing, rename, soft delete and isolation between users.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { activityEvents, projects, stages, templates } from "@/lib/db/schema";
import { createProject, deleteProject, getProject, getProjectStages, listProjects, renameProject } from "@/lib/projects";
import { listTemplates } from "@/lib/templates";
import { createUser } from "../support/factories";

describe("creating a project", () => {
  it("creates nine stages: stage 1 active, the rest locked, named as in the design", async () => {
    const user = await createUser();
    const project = await createProject(db, user.id, { name: "Team Todo" });
    const rows = await getProjectStages(db, project.id);
    expect(rows.map((s) => [s.stageNumber, s.stageName, s.stageLabel, s.status])).toEqual([
      [1, "vision", "Vision & Problem", "active"],
      [2, "users", "Users & Personas", "locked"],
      [3, "requirements", "Requirements", "locked"],
      [4, "scope", "Scope & Milestones", "locked"],
      [5, "architecture", "Architecture & Stack", "locked"],
      [6, "data_model", "Data Model", "locked"],
      [7, "api", "API Contract", "locked"],
      [8, "ux", "Screens & Flows", "locked"],
      [9, "tasks", "Implementation Plan", "locked"],
    ]);
    expect(project.currentStage).toBe(1);
  });

  it("uses the chosen template's stage labels", async () => {
    const user = await createUser();
    const [template] = await listTemplates(db);
    expect(template).toBeDefined();
    const project = await createProject(db, user.id, { name: "From template", templateId: template!.id });
    expect(project.templateId).toBe(template!.id);
    const labels = (await getProjectStages(db, project.id)).map((s) => s.stageLabel);
    for (const [index, name] of ["vision", "users", "requirements", "scope", "architecture", "data_model", "api", "ux", "tasks"].entries()) {
      const override = (template!.stageDefaults as Record<string, { label?: string }>)[name]?.label;
      if (override) expect(labels[index]).toBe(override);
    }
  });

  it("writes nothing when a stage insert fails half-way", async () => {
    const user = await createUser();
    const before = await db.$count(projects);
    // A trigger that fails on the 9th stage proves the project and its first stages roll back with it.
    await db.execute(`create function fail_ninth() returns trigger language plpgsql as $$ begin if new.stage_number = 9 then raise exception 'boom'; end if; return new; end $$`);
    await db.execute(`create trigger fail_ninth before insert on stages for each row execute function fail_ninth()`);
    try {
      await expect(createProject(db, user.id, { name: "Doomed" })).rejects.toThrow();
    } finally {
      await db.execute(`drop trigger fail_ninth on stages; drop function fail_ninth()`);
    }
    expect(await db.$count(projects)).toBe(before);
    expect(await db.$count(projects, eq(projects.name, "Doomed"))).toBe(0);
  });

  it("derives unique slugs per user, and another user may reuse them", async () => {
    const ada = await createUser("Ada");
    const bob = await createUser("Bob");
    const first = await createProject(db, ada.id, { name: "Billing Service" });
    const second = await createProject(db, ada.id, { name: "billing   service!" });
    const bobs = await createProject(db, bob.id, { name: "Billing Service" });
    expect([first.slug, second.slug, bobs.slug]).toEqual(["billing-service", "billing-service-2", "billing-service"]);
  });

  it("gives concurrent creates with the same name distinct slugs", async () => {
    const user = await createUser();
    const created = await Promise.all([1, 2, 3, 4].map(() => createProject(db, user.id, { name: "Race" })));
    expect(new Set(created.map((p) => p.slug)).size).toBe(4);
  });

  it("rejects an empty name, an oversize description and an unknown template with field errors", async () => {
    const user = await createUser();
    await expect(createProject(db, user.id, { name: "   " })).rejects.toMatchObject({ code: "validation", fieldErrors: { name: ["Give the project a name."] } });
    await expect(createProject(db, user.id, { name: "ok", description: "x".repeat(2001) })).rejects.toMatchObject({ code: "validation" });
    await expect(createProject(db, user.id, { name: "ok", templateId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { templateId: ["That template does not exist."] },
    });
    expect(await db.$count(projects, eq(projects.userId, user.id))).toBe(0);
  });
});

describe("listing, renaming and deleting", () => {
  it("lists only the user's live projects, most recently updated first, with the current stage", async () => {
    const user = await createUser();
    const older = await createProject(db, user.id, { name: "Older" });
    const newer = await createProject(db, user.id, { name: "Newer" });
    await db.update(projects).set({ updatedAt: new Date(Date.now() - 60_000) }).where(eq(projects.id, older.id));
    const list = await listProjects(db, user.id);
    expect(list.map((p) => p.id)).toEqual([newer.id, older.id]);
    expect(list[0]).toMatchObject({ currentStage: 1, currentStageLabel: "Vision & Problem", completedStages: 0 });
  });

  it("renames a project, moving its slug, and records it", async () => {
    const user = await createUser();
    const project = await createProject(db, user.id, { name: "Draft name" });
    const renamed = await renameProject(db, user.id, project.id, { name: "Final Name" });
    expect(renamed).toMatchObject({ name: "Final Name", slug: "final-name" });
    const events = await db.select().from(activityEvents).where(and(eq(activityEvents.projectId, project.id), eq(activityEvents.type, "project.renamed")));
    expect(events).toHaveLength(1);
  });

  it("soft-deletes: hidden from the list and lookups, row kept, slug free again", async () => {
    const user = await createUser();
    const project = await createProject(db, user.id, { name: "Ephemeral" });
    await deleteProject(db, user.id, project.id);
    expect(await listProjects(db, user.id)).toEqual([]);
    await expect(getProject(db, user.id, project.slug)).rejects.toMatchObject({ code: "not_found" });
    const [row] = await db.select().from(projects).where(eq(projects.id, project.id));
    expect(row!.deletedAt).toBeInstanceOf(Date);
    expect(await db.$count(stages, eq(stages.projectId, project.id))).toBe(9);
    const again = await createProject(db, user.id, { name: "Ephemeral" });
    expect(again.slug).toBe("ephemeral");
  });
});

describe("isolation between users", () => {
  it("answers 404 for another user's project by slug or id, for read, rename and delete", async () => {
    const owner = await createUser("Owner");
    const intruder = await createUser("Intruder");
    const project = await createProject(db, owner.id, { name: "Secret plans" });
    await expect(getProject(db, intruder.id, project.slug)).rejects.toMatchObject({ code: "not_found", status: 404 });
    await expect(getProject(db, intruder.id, project.id)).rejects.toMatchObject({ code: "not_found", status: 404 });
    await expect(renameProject(db, intruder.id, project.id, { name: "Mine now" })).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteProject(db, intruder.id, project.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await listProjects(db, intruder.id)).toEqual([]);
    await expect(getProject(db, owner.id, project.slug)).resolves.toMatchObject({ name: "Secret plans", deletedAt: null });
  });

  it("lists the seeded built-in templates", async () => {
    const rows = await db.select({ category: templates.category }).from(templates).where(eq(templates.isBuiltIn, true));
    expect(rows.length).toBeGreaterThan(0);
  });
});
