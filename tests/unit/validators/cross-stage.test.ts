// Cross-stage traceability warnings (personas, requirements, milestones, tasks, API entities vs tables) and requirement coverage.
import { beforeAll, describe, expect, it } from "vitest";
import { fixtureStages, readStageFixture } from "@/seeds/demo/load";
import {
  crossStageMessages,
  requirementCoverage,
  validateStageOutput,
  type OpenApiData,
  type RequirementsData,
  type ScopeData,
  type SqlData,
  type StageData,
  type StagesData,
  type TasksData,
  type UsersData,
} from "@/lib/stages/validators";

let fixtures: Record<number, StageData>;

beforeAll(async () => {
  const results = await Promise.all(
    fixtureStages.map(async (stage) => [stage, (await validateStageOutput({ stageNumber: stage, content: readStageFixture(stage) })).data] as const),
  );
  fixtures = Object.fromEntries(results.map(([stage, data]) => [stage, data!]));
});

/** A deep copy of the fixture data with one stage edited, so each test breaks exactly one link. */
function withStage<T extends StageData>(stage: number, edit: (data: T) => void): StagesData {
  const copy = structuredClone(fixtures);
  edit(copy[stage] as T);
  return copy;
}

describe("the Tandem fixtures", () => {
  it("are fully consistent: no cross-stage messages and full coverage", () => {
    expect(crossStageMessages(fixtures)).toEqual([]);
    expect(requirementCoverage(fixtures)).toEqual({ covered: 5, total: 5, percent: 100 });
  });
});

describe("crossStageMessages", () => {
  it("warns when a must requirement has no task", () => {
    const stages = withStage<TasksData>(9, (data) => {
      data.tasks = data.tasks.filter((task) => !task.requirementIds.includes("REQ-002"));
    });
    expect(crossStageMessages(stages)).toEqual([
      {
        level: "warning",
        stage: 9,
        code: "uncovered_must_requirement",
        message: 'Requirement REQ-002 ("Invite teammates by email") is a must, but no task in the Implementation Plan covers it.',
        path: "",
      },
    ]);
  });

  it("does not ask for tasks for should, could or wont requirements", () => {
    const stages = withStage<TasksData>(9, (data) => {
      data.tasks = data.tasks.filter((task) => task.milestone !== "M2");
    });
    expect(crossStageMessages(stages)).toEqual([]);
  });

  it("warns when a task references a requirement that does not exist", () => {
    const stages = withStage<TasksData>(9, (data) => {
      data.tasks[3]!.requirementIds.push("REQ-042");
    });
    expect(crossStageMessages(stages)).toEqual([
      {
        level: "warning",
        stage: 9,
        code: "unknown_requirement",
        message: "Task T-004 references requirement REQ-042, which is not defined in Requirements.",
        path: "/tasks/3/requirementIds/2",
      },
    ]);
  });

  it("warns when a milestone includes a requirement that does not exist", () => {
    const stages = withStage<ScopeData>(4, (data) => {
      data.milestones[1]!.requirementIds[0] = "REQ-500";
    });
    expect(crossStageMessages(stages)).toEqual([
      {
        level: "warning",
        stage: 4,
        code: "unknown_requirement",
        message: "Milestone M2 includes requirement REQ-500, which is not defined in Requirements.",
        path: "/milestones/1/requirementIds/0",
      },
    ]);
  });

  it("warns when a task belongs to a milestone that does not exist", () => {
    const stages = withStage<TasksData>(9, (data) => {
      data.tasks[7]!.milestone = "M3";
    });
    expect(crossStageMessages(stages)).toEqual([
      {
        level: "warning",
        stage: 9,
        code: "unknown_milestone",
        message: "Task T-008 belongs to milestone M3, which is not defined in Scope & Milestones.",
        path: "/tasks/7/milestone",
      },
    ]);
  });

  it("warns when a requirement references a persona that does not exist", () => {
    const stages = withStage<RequirementsData>(3, (data) => {
      data.requirements[2]!.personas.push("P9");
    });
    expect(crossStageMessages(stages)).toEqual([
      {
        level: "warning",
        stage: 3,
        code: "unknown_persona",
        message: "Requirement REQ-003 references persona P9, which is not defined in Users & Personas.",
        path: "/requirements/2/personas/2",
      },
    ]);
  });

  it("warns when an API entity has no table, matching singular and plural names", () => {
    const stages = withStage<OpenApiData>(7, (data) => {
      data.entities.push("Label", "TaskList", "Category");
    });
    (stages[6] as SqlData).tables.push("task_lists", "categories");
    expect(crossStageMessages(stages)).toEqual([
      {
        level: "warning",
        stage: 7,
        code: "entity_without_table",
        message: 'API schema "Label" has no matching table in the Data Model (looked for a table named like "label" or its plural).',
        path: "/components/schemas/Label",
      },
    ]);
  });

  it("runs a rule only when both of its stages are present", () => {
    const broken = withStage<UsersData>(2, (data) => {
      data.personas = [];
    });
    expect(crossStageMessages({ ...broken, 3: undefined }).filter((message) => message.code === "unknown_persona")).toEqual([]);
    expect(crossStageMessages({ 2: broken[2], 3: fixtures[3] }).length).toBeGreaterThan(0);
    expect(crossStageMessages({ 3: fixtures[3], 9: null })).toEqual([]);
    expect(crossStageMessages({})).toEqual([]);
  });

  it("ignores a cli command spec in place of an OpenAPI contract", () => {
    const stages = { ...fixtures, 7: { cli: "tandem", commands: ["add"] } };
    expect(crossStageMessages(stages)).toEqual([]);
  });
});

describe("requirementCoverage", () => {
  it("counts must and should requirements covered by at least one task", () => {
    const stages = withStage<TasksData>(9, (data) => {
      data.tasks = data.tasks.filter((task) => task.id !== "T-003" && task.id !== "T-007");
    });
    expect(requirementCoverage(stages)).toEqual({ covered: 3, total: 5, percent: 60 });
  });

  it("is zero when there is no plan or nothing to cover", () => {
    expect(requirementCoverage({ 3: fixtures[3] })).toEqual({ covered: 0, total: 5, percent: 0 });
    expect(requirementCoverage({})).toEqual({ covered: 0, total: 0, percent: 0 });
  });
});
