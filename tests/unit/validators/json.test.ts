// JSON stage validators (2 users, 3 requirements, 4 scope, 9 tasks): syntax positions, zod shapes and within-stage rules.
import { describe, expect, it } from "vitest";
import { readJsonFixture, readStageFixture } from "@/seeds/demo/load";
import { hasErrors, validateStageOutput, type ValidationMessage } from "@/lib/stages/validators";

async function check(stageNumber: number, value: unknown) {
  return validateStageOutput({ stageNumber, content: typeof value === "string" ? value : JSON.stringify(value, null, 2) });
}

function only(messages: ValidationMessage[], code: string): ValidationMessage {
  const matching = messages.filter((message) => message.code === code);
  expect(matching, JSON.stringify(messages)).toHaveLength(1);
  return matching[0]!;
}

type Task = { id: string; dependsOn: string[]; estimate: string };

describe("good JSON fixtures", () => {
  it.each([2, 3, 4, 9] as const)("stage %i passes with no messages and returns its parsed data", async (stage) => {
    const result = await validateStageOutput({ stageNumber: stage, content: readStageFixture(stage) });
    expect(result.messages).toEqual([]);
    expect(result.data).toEqual(JSON.parse(readStageFixture(stage)));
  });

  it("accepts scenarios written as plain strings and tasks without dependsOn", async () => {
    const users = readJsonFixture(2);
    users.scenarios = ["Maya plans the week", { title: "Sam finishes a task" }];
    expect((await check(2, users)).messages).toEqual([]);

    const plan = readJsonFixture<{ tasks: Partial<Task>[] }>(9);
    delete plan.tasks[0]!.dependsOn;
    const result = await check(9, plan);
    expect(result.messages).toEqual([]);
    expect((result.data as { tasks: Task[] }).tasks[0]).toMatchObject({ id: "T-001", dependsOn: [] });
  });
});

describe("JSON syntax errors carry the parser's line and column", () => {
  it("reports a trailing comma in an object where V8 gives a position", async () => {
    const result = await check(2, '{\n  "personas": [\n    {"id": "P1",}\n  ]\n}');
    expect(result.data).toBeNull();
    expect(result.messages).toEqual([
      {
        level: "error",
        stage: 2,
        code: "invalid_json",
        message: "Invalid JSON at line 3, column 17: Expected double-quoted property name.",
        path: "3:17",
      },
    ]);
  });

  it("locates a trailing comma in an array, which V8 reports without a position", async () => {
    const { messages } = await check(3, '{\n  "requirements": [1,]\n}');
    const message = only(messages, "invalid_json");
    expect(message.path).toBe("2:22");
    expect(message.message).toBe("Invalid JSON at line 2, column 22: Unexpected token ']'.");
  });

  it("points at the end of input when the document is cut off", async () => {
    const { messages } = await check(9, '{\n  "tasks": [');
    expect(only(messages, "invalid_json")).toMatchObject({ level: "error", path: "2:13" });
    expect(messages[0]!.message).toContain("Unexpected end of JSON input");
  });

  it("counts columns in UTF-16 units, as the editor does, after non-ASCII text", async () => {
    const { messages } = await check(4, '{"milestones": [{"name": "Überblick 🚀" x}]}');
    expect(only(messages, "invalid_json").path).toBe("1:41");
  });
});

describe("schema violations name the item and field", () => {
  it("reports a malformed persona id with the expected shape", async () => {
    const users = readJsonFixture<{ personas: { id: string }[] }>(2);
    users.personas[1]!.id = "persona-2";
    const message = only((await check(2, users)).messages, "invalid_id");
    expect(message).toMatchObject({ level: "error", stage: 2, path: "/personas/1/id" });
    expect(message.message).toBe('Persona persona-2: "id" must look like "P1" (got "persona-2").');
  });

  it("reports a missing field as missing, not as a type error", async () => {
    const requirements = readJsonFixture<{ requirements: Record<string, unknown>[] }>(3);
    delete requirements.requirements[2]!.story;
    const { messages, data } = await check(3, requirements);
    expect(data).toBeNull();
    expect(only(messages, "missing_field")).toEqual({
      level: "error",
      stage: 3,
      code: "missing_field",
      message: 'Requirement REQ-003: "story" is missing.',
      path: "/requirements/2/story",
    });
  });

  it("lists the allowed priorities and the value found", async () => {
    const requirements = readJsonFixture<{ requirements: { priority: string }[] }>(3);
    requirements.requirements[0]!.priority = "high";
    const message = only((await check(3, requirements)).messages, "invalid_value");
    expect(message.path).toBe("/requirements/0/priority");
    expect(message.message).toBe('Requirement REQ-001: "priority" must be one of must, should, could, wont (got "high").');
  });

  it("reports a wrong type at the top level", async () => {
    const requirements = readJsonFixture(3);
    requirements.nonFunctional = "fast and secure";
    const message = only((await check(3, requirements)).messages, "invalid_type");
    expect(message).toMatchObject({ level: "error", path: "/nonFunctional" });
    expect(message.message).toBe('"nonFunctional" must be an array, not a string.');
  });

  it("rejects an empty title and an unknown estimate", async () => {
    const plan = readJsonFixture<{ tasks: { title: string; estimate: string }[] }>(9);
    plan.tasks[0]!.title = "  ";
    plan.tasks[1]!.estimate = "XL";
    const { messages } = await check(9, plan);
    expect(only(messages, "schema_violation")).toMatchObject({
      path: "/tasks/0/title",
      message: 'Task T-001: "title" must not be empty.',
    });
    expect(only(messages, "invalid_value").message).toContain('Task T-002: "estimate" must be one of S, M, L (got "XL")');
  });

  it("rejects a scenario that is neither a string nor an object with a title", async () => {
    const users = readJsonFixture<{ scenarios: unknown[] }>(2);
    users.scenarios.push(42);
    const message = only((await check(2, users)).messages, "schema_violation");
    expect(message).toMatchObject({ path: "/scenarios/3", message: "Scenario #4 must be a string or an object with a title." });
  });

  it("rejects a document that is not an object", async () => {
    const message = only((await check(4, "[]")).messages, "invalid_type");
    expect(message).toMatchObject({ path: "", message: "The output must be an object, not an array." });
  });
});

describe("within-stage rules", () => {
  it("rejects duplicate ids and names both entries", async () => {
    const requirements = readJsonFixture<{ requirements: { id: string }[] }>(3);
    requirements.requirements[4]!.id = "REQ-002";
    const { messages, data } = await check(3, requirements);
    expect(data).not.toBeNull();
    expect(only(messages, "duplicate_id")).toEqual({
      level: "error",
      stage: 3,
      code: "duplicate_id",
      message: "Requirement id REQ-002 is used more than once (entries 2 and 5 of requirements); ids must be unique.",
      path: "/requirements/4/id",
    });
  });

  it("rejects duplicate milestone and scenario ids", async () => {
    const scope = readJsonFixture<{ milestones: { id: string }[] }>(4);
    scope.milestones[1]!.id = "M1";
    expect(only((await check(4, scope)).messages, "duplicate_id").path).toBe("/milestones/1/id");

    const users = readJsonFixture<{ scenarios: { id: string }[] }>(2);
    users.scenarios[2]!.id = "S1";
    expect(only((await check(2, users)).messages, "duplicate_id").message).toContain("Scenario id S1");
  });

  it.each([
    [2, { personas: [], scenarios: [] }, "/personas", "defines no personas"],
    [3, { requirements: [], nonFunctional: [] }, "/requirements", "defines no requirements"],
    [4, { milestones: [], outOfScope: [], risks: [] }, "/milestones", "defines no milestones"],
    [9, { tasks: [] }, "/tasks", "defines no tasks"],
  ])("stage %i with nothing in it is an error", async (stage, value, path, text) => {
    const message = only((await check(stage, value)).messages, "empty");
    expect(message).toMatchObject({ level: "error", stage, path });
    expect(message.message).toContain(text);
  });

  it("rejects a scenario that belongs to an undefined persona", async () => {
    const users = readJsonFixture<{ scenarios: { personaId: string }[] }>(2);
    users.scenarios[1]!.personaId = "P9";
    const message = only((await check(2, users)).messages, "unknown_persona");
    expect(message).toMatchObject({ level: "error", path: "/scenarios/1/personaId" });
    expect(message.message).toBe('Scenario "Planning the week" belongs to persona P9, which is not defined in personas.');
  });

  it("warns about acceptance criteria that are not in EARS form", async () => {
    const requirements = readJsonFixture<{ requirements: { acceptance: string[] }[] }>(3);
    requirements.requirements[1]!.acceptance[1] = "Invited people can join the workspace.";
    const { messages } = await check(3, requirements);
    const message = only(messages, "acceptance_not_ears");
    expect(message).toMatchObject({ level: "warning", path: "/requirements/1/acceptance/1" });
    expect(message.message).toContain("Requirement REQ-002: acceptance criterion 2 is not in EARS form");
    expect(hasErrors(messages)).toBe(false);
  });

  it("accepts EARS in any case and warns when a requirement has no acceptance criteria", async () => {
    const requirements = readJsonFixture<{ requirements: { acceptance: string[] }[] }>(3);
    requirements.requirements[0]!.acceptance = ["the system shall keep a session for 30 days.", "While offline, the system shall queue edits."];
    requirements.requirements[1]!.acceptance = [];
    const { messages } = await check(3, requirements);
    expect(messages.map((message) => message.code)).toEqual(["missing_acceptance"]);
    expect(messages[0]).toMatchObject({ level: "warning", path: "/requirements/1/acceptance" });
  });

  it("rejects a dependency on a task that does not exist", async () => {
    const plan = readJsonFixture<{ tasks: Task[] }>(9);
    plan.tasks[2]!.dependsOn.push("T-099");
    const message = only((await check(9, plan)).messages, "unknown_dependency");
    expect(message).toEqual({
      level: "error",
      stage: 9,
      code: "unknown_dependency",
      message: "Task T-003 depends on T-099, which is not defined in this plan.",
      path: "/tasks/2/dependsOn/1",
    });
  });

  it("rejects a dependency cycle and names it", async () => {
    const plan = readJsonFixture<{ tasks: Task[] }>(9);
    plan.tasks[0]!.dependsOn = ["T-003"];
    const message = only((await check(9, plan)).messages, "dependency_cycle");
    expect(message).toMatchObject({ level: "error", path: "/tasks/0/dependsOn" });
    expect(message.message).toContain("T-001 → T-003 → T-002 → T-001");
  });

  it("rejects a task that depends on itself and reports separate cycles separately", async () => {
    const plan = readJsonFixture<{ tasks: Task[] }>(9);
    plan.tasks[4]!.dependsOn.push("T-005");
    plan.tasks[1]!.dependsOn = ["T-003"];
    const cycles = (await check(9, plan)).messages.filter((message) => message.code === "dependency_cycle");
    expect(cycles.map((message) => message.message.split(": ")[1]!.split(".")[0])).toEqual([
      "T-002 → T-003 → T-002",
      "T-005 → T-005",
    ]);
  });

  it("finds a cycle through a chain of thousands of tasks", async () => {
    const tasks = Array.from({ length: 7_000 }, (_, index) => ({
      id: `T-${String(index + 1).padStart(5, "0")}`,
      title: "S",
      description: "S",
      dependsOn: index === 0 ? [] : [`T-${String(index).padStart(5, "0")}`],
      requirementIds: [],
      milestone: "M1",
      estimate: "S",
      acceptance: [],
    }));
    tasks[0]!.dependsOn = ["T-07000"];
    const message = only((await check(9, JSON.stringify({ tasks }))).messages, "dependency_cycle");
    expect(message.message).toContain("T-00001 → T-07000 → T-06999");
  });
});
