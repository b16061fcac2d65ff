// The stage engine on real Postgres: status machine, gating, versions, revert, staleness, races, bad input and the GIN index.
import { and, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { activityEvents, projects, stageOutputs, stages } from "@/lib/db/schema";
import { createProject } from "@/lib/projects";
import { approveStage, getStageVersion, getStageView, listStageSummaries, reopenStage, revertStage, saveStageOutput, saveUserInput } from "@/lib/stages";
import { fixtureStages, readStageFixture } from "@/seeds/demo/load";
import { createUser } from "../support/factories";

let userId: string;
let projectId: string;
const ref = (stageNumber: number) => ({ userId, projectId, stageNumber });
const statuses = async () => (await listStageSummaries(db, projectId)).map((stage) => stage.status);

async function approveThrough(last: number) {
  for (const stageNumber of fixtureStages.filter((n) => n <= last)) {
    await saveStageOutput(db, ref(stageNumber), { content: readStageFixture(stageNumber) });
    await approveStage(db, ref(stageNumber));
  }
}

beforeEach(async () => {
  const user = await createUser();
  userId = user.id;
  projectId = (await createProject(db, userId, { name: `Project ${Math.random()}` })).id;
});

describe("status machine and gating", () => {
  it("save moves active → review, approve moves review → complete and opens the next stage", async () => {
    await saveStageOutput(db, ref(1), { content: readStageFixture(1) });
    expect((await statuses()).slice(0, 2)).toEqual(["review", "locked"]);
    await approveStage(db, ref(1));
    expect((await statuses()).slice(0, 3)).toEqual(["complete", "active", "locked"]);
    const [project] = await db.select().from(projects).where(eq(projects.id, projectId));
    expect(project!.currentStage).toBe(2);
    const [stage] = await db.select().from(stages).where(and(eq(stages.projectId, projectId), eq(stages.stageNumber, 1)));
    expect(stage!.validatedAt).toBeInstanceOf(Date);
    expect(stage!.completedAt).toBeInstanceOf(Date);
  });

  it("walks all nine stages to complete", async () => {
    await approveThrough(9);
    expect(await statuses()).toEqual(Array(9).fill("complete"));
    const [project] = await db.select().from(projects).where(eq(projects.id, projectId));
    expect(project!.currentStage).toBe(9);
  });

  it("answers illegal transitions with a 409 that says why, and changes nothing", async () => {
    await expect(saveStageOutput(db, ref(2), { content: readStageFixture(2) })).rejects.toMatchObject({ status: 409, message: expect.stringContaining("locked until stage 1 is approved") });
    await expect(approveStage(db, ref(1))).rejects.toMatchObject({ status: 409, message: expect.stringContaining("no version to review") });
    await expect(reopenStage(db, ref(1))).rejects.toMatchObject({ status: 409 });
    await approveThrough(1);
    await expect(saveStageOutput(db, ref(1), { content: readStageFixture(1) })).rejects.toMatchObject({ status: 409, message: expect.stringContaining("reopen it") });
    await expect(approveStage(db, ref(1))).rejects.toMatchObject({ status: 409 });
    expect(await db.$count(stageOutputs, sql`${stageOutputs.stageId} in (select id from stages where project_id = ${projectId})`)).toBe(1);
  });

  it("refuses to approve while the active version has errors, and allows warnings", async () => {
    const withoutNonGoals = readStageFixture(1).replace(/## Non-goals[\s\S]*$/, "");
    const saved = await saveStageOutput(db, ref(1), { content: withoutNonGoals });
    expect(saved.messages).toEqual(expect.arrayContaining([expect.objectContaining({ level: "error", code: "missing_section" })]));
    await expect(approveStage(db, ref(1))).rejects.toMatchObject({ status: 409, message: expect.stringContaining("1 validation error") });
    expect((await statuses())[0]).toBe("review");

    await saveStageOutput(db, ref(1), { content: readStageFixture(1) });
    await expect(approveStage(db, ref(1))).resolves.toBeDefined();
  });

  it("reopen moves complete → review, keeps later stages, and marks them stale once the stage changes", async () => {
    await approveThrough(4);
    await reopenStage(db, ref(3));
    let summaries = await listStageSummaries(db, projectId);
    expect(summaries.map((s) => s.status).slice(0, 5)).toEqual(["complete", "complete", "review", "complete", "active"]);
    expect(summaries.some((s) => s.stale)).toBe(false);
    const [project] = await db.select().from(projects).where(eq(projects.id, projectId));
    expect(project!.currentStage).toBe(3);

    const edited = readStageFixture(3).replace('"title": "', '"title": "Edited: ');
    await saveStageOutput(db, ref(3), { content: edited });
    summaries = await listStageSummaries(db, projectId);
    expect(summaries.filter((s) => s.stale).map((s) => s.number)).toEqual([4]);
    expect(summaries[2]!.stale).toBe(false);
  });
});

describe("versions", () => {
  it("numbers versions, keeps exactly one active, and reverts without deleting", async () => {
    const first = readStageFixture(1);
    const second = `${first}\n\nAn extra closing paragraph.\n`;
    expect((await saveStageOutput(db, ref(1), { content: first })).version).toBe(1);
    expect((await saveStageOutput(db, ref(1), { content: second })).version).toBe(2);
    await revertStage(db, ref(1), { version: 1 });

    const view = await getStageView(db, ref(1));
    expect(view.activeVersion).toBe(1);
    expect(view.content).toBe(first);
    expect(view.versions.map((v) => [v.version, v.isActive])).toEqual([
      [2, false],
      [1, true],
    ]);
    expect((await getStageVersion(db, ref(1), 2)).content).toBe(second);
    await expect(revertStage(db, ref(1), { version: 1 })).rejects.toMatchObject({ status: 409, message: expect.stringContaining("already the active version") });
  });

  it("keeps stages.data in step with the active version, with meta.basedOn", async () => {
    await approveThrough(5);
    await saveStageOutput(db, ref(6), { content: readStageFixture(6) });
    const [stage] = await db.select().from(stages).where(and(eq(stages.projectId, projectId), eq(stages.stageNumber, 6)));
    const data = stage!.data as { tables: string[]; meta: { version: number; basedOn: Record<string, number> } };
    expect(data.tables.length).toBeGreaterThan(0);
    expect(data.meta).toMatchObject({ version: 1, basedOn: { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1 } });
  });

  it("lands racing saves as distinct versions: no duplicate, no lost write", async () => {
    const contents = Array.from({ length: 8 }, (_, i) => `${readStageFixture(1)}\n\nDraft ${i}.\n`);
    const results = await Promise.all(contents.map((content) => saveStageOutput(db, ref(1), { content })));
    expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const view = await getStageView(db, ref(1));
    expect(view.versions).toHaveLength(8);
    expect(view.versions.filter((v) => v.isActive)).toHaveLength(1);
    const stored = await Promise.all(view.versions.map((v) => getStageVersion(db, ref(1), v.version)));
    expect(new Set(stored.map((v) => v.content))).toEqual(new Set(contents));
  });

  it("gives the loser of two saves from the same base version a clear conflict", async () => {
    await saveStageOutput(db, ref(1), { content: readStageFixture(1) });
    const results = await Promise.allSettled([
      saveStageOutput(db, ref(1), { content: `${readStageFixture(1)}\nTab A.\n`, baseVersion: 1 }),
      saveStageOutput(db, ref(1), { content: `${readStageFixture(1)}\nTab B.\n`, baseVersion: 1 }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ status: 409, message: expect.stringContaining("changed while you were editing") });
  });
});

describe("bad input changes nothing", () => {
  const outputCount = () => db.$count(stageOutputs, sql`${stageOutputs.stageId} in (select id from stages where project_id = ${projectId})`);

  it("rejects unknown stage numbers with a 404", async () => {
    for (const stageNumber of [0, 10, 1.5, Number.NaN]) {
      await expect(saveStageOutput(db, ref(stageNumber), { content: "x" })).rejects.toMatchObject({ status: 404 });
    }
  });

  it("rejects malformed JSON, YAML and SQL with a 422 naming the parser's position", async () => {
    await approveThrough(5);
    await expect(saveStageOutput(db, ref(6), { content: "create table (" })).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/line 1/i) });
    const before = await outputCount();
    await saveStageOutput(db, ref(6), { content: readStageFixture(6) });
    await approveStage(db, ref(6));
    await expect(saveStageOutput(db, ref(7), { content: "openapi: [3.1\n  bad: : yaml" })).rejects.toMatchObject({ status: 422 });
    expect(await outputCount()).toBe(before + 1);
  });

  it("rejects malformed JSON", async () => {
    await approveThrough(1);
    await expect(saveStageOutput(db, ref(2), { content: '{"personas": [' })).rejects.toMatchObject({ status: 422, code: "validation" });
    expect(await outputCount()).toBe(1);
  });

  it("rejects an output over 1 MB", async () => {
    await expect(saveStageOutput(db, ref(1), { content: "x".repeat(1_048_577) })).rejects.toMatchObject({ status: 422, fieldErrors: { content: [expect.stringContaining("1 MB")] } });
    expect(await outputCount()).toBe(0);
  });

  it("rejects a revert to a version of another stage or another user's project", async () => {
    await approveThrough(2);
    await expect(revertStage(db, ref(1), { version: 1 })).rejects.toMatchObject({ status: 409 });
    await reopenStage(db, ref(1));
    await expect(revertStage(db, ref(1), { version: 2 })).rejects.toMatchObject({ status: 404, message: "Version 2 of stage 1 not found." });

    const intruder = await createUser("Intruder");
    await expect(revertStage(db, { userId: intruder.id, projectId, stageNumber: 1 }, { version: 1 })).rejects.toMatchObject({ status: 404, message: "Project not found." });
    await expect(getStageView(db, { userId: intruder.id, projectId, stageNumber: 1 })).rejects.toMatchObject({ status: 404 });
    await expect(saveUserInput(db, { userId: intruder.id, projectId, stageNumber: 1 }, { userInput: "mine" })).rejects.toMatchObject({ status: 404 });
  });
});

describe("notes, activity and the GIN index", () => {
  it("saves the user's notes and records save, approve, reopen and revert in activity", async () => {
    await saveUserInput(db, ref(1), { userInput: "Small teams, not enterprises." });
    expect((await getStageView(db, ref(1))).stage.userInput).toBe("Small teams, not enterprises.");
    await approveThrough(1);
    await reopenStage(db, ref(1));
    await saveStageOutput(db, ref(1), { content: `${readStageFixture(1)}\n` });
    await revertStage(db, ref(1), { version: 1 });
    const types = (await db.select({ type: activityEvents.type }).from(activityEvents).where(eq(activityEvents.projectId, projectId))).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["stage.saved", "stage.approved", "stage.reopened", "stage.reverted"]));
  });

  it("finds projects by table name with a containment query that uses the GIN index", async () => {
    await approveThrough(6);
    const found = await db.select({ projectId: stages.projectId }).from(stages).where(sql`${stages.data} @> '{"tables":["tasks"]}'`);
    expect(found.map((row) => row.projectId)).toContain(projectId);

    await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const plan = (await tx.execute(sql`explain select id from stages where data @> '{"tables":["tasks"]}'`)) as unknown as { "QUERY PLAN": string }[];
      expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toContain("idx_stages_data");
    });
  });
});
