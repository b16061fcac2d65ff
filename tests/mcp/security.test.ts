// MCP access control over HTTP: 401 for every bad token, 403 for a foreign Origin or Host, 429 per token, one project per token, isolated concurrent clients, token lifecycle.
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recentActivity } from "@/lib/activity";
import { db } from "@/lib/db/client";
import { mcpTokens } from "@/lib/db/schema";
import { createToken, hashToken, listTokens, revokeToken } from "@/lib/mcp";
import { createProject } from "@/lib/projects";
import { approveStage, saveStageOutput } from "@/lib/stages";
import { createUser } from "../support/factories";
import { callJson, connect, seedDemoProject, startHttpServer, tokenFor } from "./support";

let server: Awaited<ReturnType<typeof startHttpServer>>;
let demo: { userId: string; projectId: string };
let other: { userId: string; projectId: string };

const initialize = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "curl", version: "1" } } };

function post(headers: Record<string, string>, body: unknown = initialize) {
  return fetch(server.url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers }, body: JSON.stringify(body) });
}

beforeAll(async () => {
  demo = await seedDemoProject();
  const user = await createUser("Grace");
  const project = await createProject(db, user.id, { name: "Secret Lab" });
  other = { userId: user.id, projectId: project.id };
  await saveStageOutput(db, { ...other, stageNumber: 1 }, {
    content: "# Vision\n\n## Problem\nZebrafish habitats.\n\n## Target users\nLabs.\n\n## Value proposition\nCalm fish.\n\n## Goals & success metrics\nMore fish.\n\n## Non-goals\nSharks.\n",
  });
  await approveStage(db, { ...other, stageNumber: 1 });
  server = await startHttpServer();
});

afterAll(async () => {
  await server?.close();
});

describe("bad tokens get 401 and nothing else", () => {
  async function expect401(headers: Record<string, string>, message: RegExp) {
    const response = await post(headers);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("unauthorized");
    expect(body.error.message).toMatch(message);
    expect(JSON.stringify(body)).not.toContain("serverInfo");
  }

  it("missing", () => expect401({}, /Missing token/));
  it("malformed", async () => {
    await expect401({ authorization: "Bearer not-a-token" }, /Malformed/);
    await expect401({ authorization: "Basic dXNlcjpwYXNz" }, /Malformed/);
  });
  it("unknown", () => expect401({ authorization: `Bearer swp_${"A".repeat(43)}` }, /Unknown or revoked/));

  it("expired", async () => {
    const token = await tokenFor(demo);
    await db.update(mcpTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(mcpTokens.tokenHash, hashToken(token)));
    await expect401({ authorization: `Bearer ${token}` }, /Expired/);
  });

  it("revoked, including for a client that was already connected", async () => {
    const token = await tokenFor(demo);
    const client = await connect(server.url, token);
    const [row] = await db.select({ id: mcpTokens.id }).from(mcpTokens).where(eq(mcpTokens.tokenHash, hashToken(token)));
    await revokeToken(db, demo.userId, demo.projectId, row!.id);
    await expect401({ authorization: `Bearer ${token}` }, /Unknown or revoked/);
    await expect(client.callTool({ name: "get_overview", arguments: {} })).rejects.toThrow(/Unknown or revoked token/);
    await client.close();
  });

  it("a deleted project's token", async () => {
    const user = await createUser("Temp");
    const project = await createProject(db, user.id, { name: "Short lived" });
    const token = await tokenFor({ userId: user.id, projectId: project.id });
    expect((await post({ authorization: `Bearer ${token}` })).status).toBe(200);
    const { deleteProject } = await import("@/lib/projects");
    await deleteProject(db, user.id, project.id);
    await expect401({ authorization: `Bearer ${token}` }, /Unknown or revoked/);
  });
});

describe("DNS-rebinding protection", () => {
  it("answers a foreign Origin with 403, even with a valid token", async () => {
    const token = await tokenFor(demo);
    const response = await post({ authorization: `Bearer ${token}`, origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    expect((await post({ authorization: `Bearer ${token}`, origin: "http://localhost:3000" })).status).toBe(200);
  });

  it("answers a foreign Host with 403", async () => {
    const { request } = await import("node:http");
    const url = new URL(server.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: "/mcp", method: "POST", headers: { host: "rebind.example:80", "content-type": "application/json" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end(JSON.stringify(initialize));
    });
    expect(status).toBe(403);
  });
});

describe("rate limit", () => {
  it("answers 429 once a token has used its requests for the window", async () => {
    const limited = await startHttpServer({ limit: 3, windowMs: 60_000 });
    try {
      const token = await tokenFor(demo);
      const statuses = [];
      for (let index = 0; index < 4; index += 1) statuses.push((await fetch(limited.url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", authorization: `Bearer ${token}` }, body: JSON.stringify(initialize) })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe("a token reads only its own project", () => {
  let client: Client;
  beforeAll(async () => {
    client = await connect(server.url, await tokenFor(demo));
  });
  afterAll(() => client.close());

  it("never returns project B's data, whatever the arguments", async () => {
    const extra = { projectId: other.projectId, project: other.projectId, project_id: other.projectId };
    expect(JSON.stringify(await callJson(client, "get_overview", extra))).not.toContain("Secret Lab");
    const stage = await callJson<{ content: string }>(client, "get_stage", { stage: 1, ...extra });
    expect(stage.content).not.toContain("Zebrafish");
    expect(await callJson(client, "search_spec", { query: "zebrafish", ...extra })).toEqual([]);
    for (const uri of [`spec://stages/1?project=${other.projectId}`, `spec://stages/1#${other.projectId}`]) {
      const read = await client.readResource({ uri }).then((result) => JSON.stringify(result), (error: Error) => error.message);
      expect(read).not.toContain("Zebrafish");
    }
    const { messages } = await client.getPrompt({ name: "implement_task", arguments: { taskId: "T-001" } });
    expect(JSON.stringify(messages)).not.toContain("Zebrafish");
  });

  it("project B's own token sees B", async () => {
    const clientB = await connect(server.url, await tokenFor(other));
    expect((await callJson<{ content: string }>(clientB, "get_stage", { stage: 1 })).content).toContain("Zebrafish");
    await clientB.close();
  });
});

describe("two clients on one server", () => {
  it("reuse the same JSON-RPC ids concurrently and each receives only its own answers", async () => {
    const [a, b] = await Promise.all([connect(server.url, await tokenFor(demo)), connect(server.url, await tokenFor(other))]);
    const rounds = Array.from({ length: 12 }, () => [
      callJson<{ content: string }>(a, "get_stage", { stage: 1 }).then((stage) => ["a", stage.content] as const),
      callJson<{ content: string }>(b, "get_stage", { stage: 1 }).then((stage) => ["b", stage.content] as const),
    ]).flat();
    for (const [who, content] of await Promise.all(rounds)) {
      expect(content.includes("Zebrafish"), who).toBe(who === "b");
    }
    await Promise.all([a.close(), b.close()]);
  });
});

describe("token lifecycle", () => {
  it("shows the token once, stores only its sha256, lists it and records creation, first use and revocation", async () => {
    const { token, summary } = await createToken(db, demo.userId, demo.projectId, { label: "Cursor", expiresInDays: 30 });
    expect(token).toMatch(/^swp_[A-Za-z0-9_-]{43}$/);
    const [row] = await db.select().from(mcpTokens).where(eq(mcpTokens.id, summary.id));
    expect(row!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row!.lastUsedAt).toBeNull();

    const listed = await listTokens(db, demo.userId, demo.projectId);
    expect(listed.find((entry) => entry.id === summary.id)).toMatchObject({ label: "Cursor", lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toMatch(/swp_|[0-9a-f]{64}/);

    await post({ authorization: `Bearer ${token}` });
    const [used] = await db.select({ lastUsedAt: mcpTokens.lastUsedAt }).from(mcpTokens).where(eq(mcpTokens.id, summary.id));
    expect(used!.lastUsedAt).toBeInstanceOf(Date);
    await post({ authorization: `Bearer ${token}` });
    const [again] = await db.select({ lastUsedAt: mcpTokens.lastUsedAt }).from(mcpTokens).where(eq(mcpTokens.id, summary.id));
    expect(again!.lastUsedAt).toEqual(used!.lastUsedAt);

    await revokeToken(db, demo.userId, demo.projectId, summary.id);
    const messages = (await recentActivity(db, demo.projectId, 50)).map((event) => event.message);
    expect(messages).toEqual(expect.arrayContaining(["Created MCP token “Cursor”", "MCP token “Cursor” connected for the first time", "Revoked MCP token “Cursor”"]));
    expect(messages.filter((message) => message === "MCP token “Cursor” connected for the first time")).toHaveLength(1);
  });

  it("another user can neither list nor revoke the project's tokens", async () => {
    const { summary } = await createToken(db, demo.userId, demo.projectId, { label: "Mine" });
    await expect(listTokens(db, other.userId, demo.projectId)).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeToken(db, other.userId, demo.projectId, summary.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeToken(db, other.userId, other.projectId, summary.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(createToken(db, other.userId, demo.projectId, { label: "Sneaky" })).rejects.toMatchObject({ code: "not_found" });
  });
});
