// YAML stage validator (stage 7): YAML syntax positions, OpenAPI 3.x validation with pointers, and the cli command spec.
import { describe, expect, it } from "vitest";
import { readStageFixture } from "@/seeds/demo/load";
import { validateStageOutput, type CliData, type OpenApiData, type ValidationMessage } from "@/lib/stages/validators";

async function check(content: string, variant?: "cli") {
  return validateStageOutput({ stageNumber: 7, content, variant });
}

function only(messages: ValidationMessage[], code: string): ValidationMessage {
  const matching = messages.filter((message) => message.code === code);
  expect(matching, JSON.stringify(messages)).toHaveLength(1);
  return matching[0]!;
}

const minimal = (paths: string) => `openapi: 3.1.0\ninfo:\n  title: Todo\n  version: "1"\npaths:\n${paths}`;

describe("good OpenAPI contract", () => {
  it("passes the fixture and summarizes operations and schemas", async () => {
    const { messages, data } = await check(readStageFixture(7));
    expect(messages).toEqual([]);
    const api = data as OpenApiData;
    expect(api.openapi).toBe("3.1.0");
    expect(api.title).toBe("Tandem API");
    expect(api.operations).toHaveLength(7);
    expect(api.operations).toContainEqual({
      method: "PATCH",
      path: "/tasks/{taskId}",
      operationId: "updateTask",
      summary: "Rename, assign, schedule or complete a task",
      tags: ["tasks"],
    });
    expect(api.schemas).toEqual(["Workspace", "Invitation", "Task", "CreateTaskRequest", "UpdateTaskRequest", "Comment", "Error"]);
    expect(api.entities).toEqual(["Workspace", "Invitation", "Task", "Comment"]);
  });

  it("accepts OpenAPI 3.0 as well", async () => {
    const { messages } = await check(
      "openapi: 3.0.3\ninfo: {title: Todo, version: '1'}\npaths:\n  /todos:\n    get:\n      responses:\n        '200': {description: ok}\n",
    );
    expect(messages).toEqual([]);
  });
});

describe("YAML syntax errors", () => {
  it("reports the parser's line and column", async () => {
    const { messages, data } = await check(minimal("  /todos: [\n"));
    expect(data).toBeNull();
    const message = only(messages, "yaml_syntax");
    expect(message).toMatchObject({ level: "error", stage: 7, path: "7:1" });
    expect(message.message).toMatch(/^YAML syntax error at line 7, column 1: Flow sequence in block collection/);
  });

  it("reports a duplicate key where the second one starts", async () => {
    const { messages } = await check("openapi: 3.1.0\ninfo:\n  title: A\n  title: B\n");
    expect(only(messages, "yaml_syntax")).toMatchObject({ path: "4:3", message: expect.stringContaining("Map keys must be unique") });
  });
});

describe("OpenAPI validation", () => {
  it("requires an openapi 3.x version", async () => {
    const { messages, data } = await check("info:\n  title: Todo\n  version: '1'\npaths: {}\n");
    expect(data).toBeNull();
    expect(messages).toEqual([
      {
        level: "error",
        stage: 7,
        code: "openapi_version",
        message: 'The API contract must be an OpenAPI 3.0 or 3.1 document (openapi: 3.1.0), but there is no "openapi" field.',
        path: "/openapi",
      },
    ]);
  });

  it("rejects Swagger 2.0 and a bare list", async () => {
    const swagger = await check("swagger: '2.0'\ninfo: {title: Todo, version: '1'}\npaths: {}\n");
    expect(only(swagger.messages, "openapi_version").message).toContain("but it is Swagger 2.0");
    const list = await check("- openapi: 3.1.0\n");
    expect(only(list.messages, "openapi_version").message).toContain("the document is not a mapping");
  });

  it("reports a wrong type with its JSON pointer and YAML position", async () => {
    const { messages, data } = await check(minimal("  nope\n").replace("paths:\n  nope", "paths: nope"));
    expect(data).not.toBeNull();
    expect(messages).toEqual([
      {
        level: "error",
        stage: 7,
        code: "openapi_invalid",
        message: "OpenAPI document is invalid at /paths: must be object (line 5, column 8).",
        path: "/paths",
      },
    ]);
  });

  it("reports a missing info object at the top level", async () => {
    const { messages } = await check("openapi: 3.1.0\npaths: {}\n");
    expect(only(messages, "openapi_invalid")).toMatchObject({
      path: "",
      message: "OpenAPI document is invalid at the top level: must have required property 'info' (line 1, column 1).",
    });
  });

  it("points into paths with escaped slashes, even past a dereferenced $ref", async () => {
    const { messages } = await check(
      minimal(
        "  /todos:\n    get:\n      responses:\n        '200':\n          $ref: '#/components/responses/Ok'\n        '404':\n          description: 404\n",
      ) + "components:\n  responses:\n    Ok:\n      description: ok\n",
    );
    expect(only(messages, "openapi_invalid")).toMatchObject({
      path: "/paths/~1todos/get/responses/404/description",
      message: expect.stringContaining("must be string (line 12, column 24)"),
    });
  });

  it("reports a $ref to a schema that does not exist", async () => {
    const { messages } = await check(
      minimal(
        "  /todos:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Todo'}\n",
      ),
    );
    expect(only(messages, "openapi_invalid").message).toContain('Missing $ref pointer "#/components/schemas/Todo"');
  });

  it("reports duplicate operation ids and undeclared path parameters", async () => {
    const duplicate = await check(
      minimal(
        "  /todos:\n    get:\n      operationId: todos\n      responses: {'200': {description: ok}}\n    post:\n      operationId: todos\n      responses: {'201': {description: ok}}\n",
      ),
    );
    expect(only(duplicate.messages, "openapi_invalid").message).toContain("The operationId `todos` is duplicated");

    const parameter = await check(minimal("  /todos/{id}:\n    get:\n      responses: {'200': {description: ok}}\n"));
    expect(only(parameter.messages, "openapi_invalid").message).toContain("is missing path parameter(s) for `{id}`");
  });

  it("leaves external $refs unresolved instead of fetching them", async () => {
    const { messages } = await check(
      minimal(
        "  /todos:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: 'http://127.0.0.1:9/todo.json'}\n",
      ),
    );
    // A fetch of this closed port would fail and surface as an error message.
    expect(messages).toEqual([]);
  });
});

describe("cli variant", () => {
  const spec = `name: tandem
description: Manage Tandem tasks from the terminal
version: 1.0
commands:
  - name: add
    description: Add a task
    usage: tandem add <title> [--due <date>]
    args:
      - name: title
        description: What needs doing
        required: true
    options:
      - name: --due
        alias: -d
        description: Due date (YYYY-MM-DD)
        type: string
    examples:
      - tandem add "Ship the invite flow" --due 2025-03-14
  - name: done
    description: Mark a task done
    args:
      - name: id
        description: Task id
`;

  it("accepts a valid command spec and summarizes it", async () => {
    const { messages, data } = await check(spec, "cli");
    expect(messages).toEqual([]);
    expect(data as CliData).toEqual({ cli: "tandem", commands: ["add", "done"] });
  });

  it("rejects duplicate command names with their position", async () => {
    const { messages } = await check(spec + "  - name: add\n    description: Again\n", "cli");
    expect(only(messages, "duplicate_command")).toEqual({
      level: "error",
      stage: 7,
      code: "duplicate_command",
      message:
        'Command "add" is defined more than once (entries 1 and 3 of commands); command names must be unique (line 24, column 11).',
      path: "/commands/2/name",
    });
  });

  it("rejects an option that is not a --flag and a command without a description", async () => {
    const { messages, data } = await check(spec.replace("- name: --due", "- name: due") + "  - name: rm\n", "cli");
    expect(data).toBeNull();
    expect(only(messages, "schema_violation")).toMatchObject({
      path: "/commands/0/options/0/name",
      message: 'Command add: "options[0].name" must look like "--flag" (line 13, column 15).',
    });
    expect(only(messages, "missing_field")).toMatchObject({
      path: "/commands/2/description",
      message: 'Command rm: "description" is missing (line 24, column 5).',
    });
  });

  it("requires at least one command", async () => {
    const { messages } = await check("name: tandem\ndescription: CLI\ncommands: []\n", "cli");
    expect(only(messages, "empty")).toMatchObject({ level: "error", path: "/commands" });
  });

  it("does not validate a cli spec as OpenAPI, nor OpenAPI as a cli spec", async () => {
    expect(only((await check(spec)).messages, "openapi_version").level).toBe("error");
    const asCli = await check(readStageFixture(7), "cli");
    expect(asCli.messages.map((message) => [message.code, message.path])).toEqual([
      ["missing_field", "/name"],
      ["missing_field", "/description"],
      ["missing_field", "/commands"],
    ]);
  });
});
