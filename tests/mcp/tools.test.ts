// MCP over Streamable HTTP on the demo project: tools/list and its size, every tool, the stage resources and the implement_task prompt.
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recentActivity } from "@/lib/activity";
import { db } from "@/lib/db/client";
import { getTaskProgress } from "@/lib/mcp";
import { callError, callJson, connect, seedDemoProject, startHttpServer, tokenFor } from "./support";

let client: Client;
let server: Awaited<ReturnType<typeof startHttpServer>>;
let demo: { userId: string; projectId: string };

beforeAll(async () => {
  demo = await seedDemoProject();
  server = await startHttpServer();
  client = await connect(server.url, await tokenFor(demo, { label: "Claude Code" }));
});

afterAll(async () => {
  await client?.close();
  await server?.close();
});

describe("tools/list", () => {
  it("lists the nine tools with descriptions, input schemas and read-only hints", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(
      ["get_overview", "get_requirement", "get_stage", "get_task", "list_requirements", "list_tasks", "next_task", "search_spec", "set_task_status"].sort(),
    );
    for (const tool of tools) {
      expect(tool.description, tool.name).toBeTruthy();
      expect(tool.inputSchema.type).toBe("object");
      expect(tool.annotations?.readOnlyHint, tool.name).toBe(tool.name !== "set_task_status");
    }
  });

  it("stays under 2,500 tokens (characters ÷ 4)", async () => {
    const size = JSON.stringify(await client.listTools()).length / 4;
    expect(size).toBeLessThan(2500);
  });
});

describe("tools on the demo project", () => {
  it("get_overview: project, template, nine approved stages, coverage and task counts", async () => {
    const overview = await callJson<{ project: { name: string }; template: { category: string }; stages: { status: string; version: number; stale: boolean }[]; coveragePercent: number; tasks: { total: number; todo: number } }>(client, "get_overview");
    expect(overview.project.name).toBe("Tandem");
    expect(overview.template.category).toBe("saas");
    expect(overview.stages).toHaveLength(9);
    expect(overview.stages.every((stage) => stage.status === "complete" && stage.version === 1 && !stage.stale)).toBe(true);
    expect(overview.coveragePercent).toBe(100);
    expect(overview.tasks.total).toBeGreaterThan(0);
  });

  it("get_stage by number and by name, and an older version that does not exist", async () => {
    const byNumber = await callJson<{ stage: { name: string; format: string }; version: number; content: string }>(client, "get_stage", { stage: 6 });
    expect(byNumber.stage).toMatchObject({ name: "data_model", format: "sql" });
    expect(byNumber.content).toContain("CREATE TABLE workspaces");
    const byName = await callJson<{ stage: { number: number } }>(client, "get_stage", { stage: "requirements" });
    expect(byName.stage.number).toBe(3);
    const pinned = await callJson<{ version: number; isActive: boolean }>(client, "get_stage", { stage: 1, version: 1 });
    expect(pinned).toMatchObject({ version: 1, isActive: true });
    expect(await callError(client, "get_stage", { stage: 1, version: 7 })).toMatch(/Version 7 of stage 1 not found/);
    expect(await callError(client, "get_stage", { stage: "nonsense" })).toMatch(/Unknown stage/);
  });

  it("search_spec: snippets with stage and path", async () => {
    const hits = await callJson<{ stage: number; path: string; snippet: string }[]>(client, "search_spec", { query: "invitation" });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((hit) => hit.snippet.includes("**"))).toBe(true);
    expect(hits.map((hit) => hit.stage)).toEqual(expect.arrayContaining([6, 9]));
    expect(hits.find((hit) => hit.stage === 6)?.path).toBe("invitations");
    expect(hits.find((hit) => hit.stage === 9)?.path).toMatch(/^\/tasks\/\d+$/);
    expect(await callJson(client, "search_spec", { query: "xylophonequartz" })).toEqual([]);
  });

  it("list_requirements and get_requirement", async () => {
    const all = await callJson<{ id: string; priority: string; taskIds: string[] }[]>(client, "list_requirements");
    const must = await callJson<{ priority: string }[]>(client, "list_requirements", { priority: "must" });
    expect(all.length).toBeGreaterThan(must.length);
    expect(must.every((requirement) => requirement.priority === "must")).toBe(true);
    const requirement = await callJson<{ id: string; acceptance: string[]; tasks: { id: string; status: string }[] }>(client, "get_requirement", { id: "req-001" });
    expect(requirement.id).toBe("REQ-001");
    expect(requirement.acceptance[0]).toMatch(/SHALL/);
    expect(requirement.tasks.map((task) => task.id)).toContain("T-001");
    expect(await callError(client, "get_requirement", { id: "REQ-999" })).toBe("Requirement REQ-999 not found.");
  });

  it("list_tasks, get_task and next_task follow the dependencies", async () => {
    const tasks = await callJson<{ id: string; status: string; milestone: string }[]>(client, "list_tasks");
    expect(tasks[0]).toMatchObject({ id: "T-001", status: "todo" });
    const m1 = await callJson<{ milestone: string }[]>(client, "list_tasks", { milestone: "M1" });
    expect(m1.length).toBeGreaterThan(0);
    expect(m1.every((task) => task.milestone === "M1")).toBe(true);
    const task = await callJson<{ id: string; requirements: { id: string; acceptance: string[] }[]; dependencies: { id: string; status: string }[] }>(client, "get_task", { id: "T-002" });
    expect(task.requirements[0]!.acceptance.length).toBeGreaterThan(0);
    expect(task.dependencies).toEqual([{ id: "T-001", title: "Database schema and migrations", status: "todo" }]);
    expect(await callError(client, "get_task", { id: "T-999" })).toMatch(/Task T-999 not found; tasks run T-001 to T-\d+/);
    expect((await callJson<{ task: { id: string } }>(client, "next_task")).task.id).toBe("T-001");
  });

  it("set_task_status moves next_task on, rejects a bad status or id, and shows up in the app", async () => {
    const set = await callJson<{ id: string; status: string; note: string }>(client, "set_task_status", { id: "T-001", status: "done", note: "migrations merged" });
    expect(set).toMatchObject({ id: "T-001", status: "done", note: "migrations merged" });
    expect((await callJson<{ task: { id: string } }>(client, "next_task")).task.id).toBe("T-002");
    expect(await callJson<{ id: string }[]>(client, "list_tasks", { status: "done" })).toEqual([expect.objectContaining({ id: "T-001" })]);
    expect(await callError(client, "set_task_status", { id: "T-001", status: "finished" })).toMatch(/status/);
    expect(await callError(client, "set_task_status", { id: "T-999", status: "done" })).toMatch(/Task T-999 is not in the implementation plan/);

    // What the stage-9 page and the overview render:
    const progress = await getTaskProgress(db, demo.projectId);
    expect(progress.counts.done).toBe(1);
    expect(progress.tasks[0]).toMatchObject({ id: "T-001", status: "done", note: "migrations merged" });
    const activity = await recentActivity(db, demo.projectId, 5);
    expect(activity.map((event) => event.message)).toContain("T-001 marked done by MCP token “Claude Code”: migrations merged");
  });
});

describe("resources", () => {
  it("lists every stage as spec://stages/{n} with its format's MIME type", async () => {
    const { resources } = await client.listResources();
    expect(resources.map((resource) => [resource.uri, resource.mimeType])).toEqual([
      ["spec://stages/1", "text/markdown"],
      ["spec://stages/2", "application/json"],
      ["spec://stages/3", "application/json"],
      ["spec://stages/4", "application/json"],
      ["spec://stages/5", "text/markdown"],
      ["spec://stages/6", "application/sql"],
      ["spec://stages/7", "application/yaml"],
      ["spec://stages/8", "text/markdown"],
      ["spec://stages/9", "application/json"],
    ]);
  });

  it("reads a stage's active output", async () => {
    const { contents } = await client.readResource({ uri: "spec://stages/7" });
    expect(contents).toEqual([expect.objectContaining({ uri: "spec://stages/7", mimeType: "application/yaml" })]);
    expect("text" in contents[0]! && contents[0].text).toMatch(/^openapi: 3/m);
    await expect(client.readResource({ uri: "spec://stages/10" })).rejects.toThrow(/Unknown stage/);
  });
});

describe("implement_task prompt", () => {
  it("hands over the task, its requirements' acceptance criteria and the tables and operations it touches", async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((prompt) => prompt.name)).toEqual(["implement_task"]);
    const { messages } = await client.getPrompt({ name: "implement_task", arguments: { taskId: "T-003" } });
    const text = messages[0]!.content.type === "text" ? messages[0]!.content.text : "";
    expect(text).toMatch(/^Implement task T-003: Invitations/);
    expect(text).toContain("## Requirements it implements");
    expect(text).toMatch(/SHALL/);
    expect(text).toMatch(/- invitations: /);
    expect(text).toContain("POST /workspaces/{workspaceId}/invitations");
    await expect(client.getPrompt({ name: "implement_task", arguments: { taskId: "T-999" } })).rejects.toThrow(/T-999 not found/);
  });
});
