// Shared set-up for the MCP tests: the demo project, tokens, a running HTTP server and real SDK clients.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { projects, users } from "@/lib/db/schema";
import { createToken } from "@/lib/mcp";
import type { Window } from "@/lib/rate-limit";
import { createHttpServer } from "@/mcp-server/http";
import { DEMO_EMAIL, seedDemo } from "@/seeds/demo/seed";

export async function seedDemoProject() {
  const { projectSlug } = await seedDemo(db, "demo password 1234");
  const [row] = await db
    .select({ userId: users.id, projectId: projects.id })
    .from(projects)
    .innerJoin(users, eq(users.id, projects.userId))
    .where(and(eq(users.email, DEMO_EMAIL), eq(projects.slug, projectSlug)));
  return row!;
}

export async function tokenFor(owner: { userId: string; projectId: string }, input: { label?: string; expiresInDays?: number } = {}) {
  return (await createToken(db, owner.userId, owner.projectId, { label: "test agent", ...input })).token;
}

export async function startHttpServer(rateLimit?: Window) {
  const server = createHttpServer({ db, host: "127.0.0.1", port: 0, rateLimit });
  const url = await server.listen();
  return { url, close: server.close };
}

export async function connect(url: string, token: string): Promise<Client> {
  const client = new Client({ name: "specwright-test", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
  return client;
}

/** The JSON a tool answered with; fails loudly when the tool reported an error instead. */
export async function callJson<T = Record<string, unknown>>(client: Client, name: string, args: Record<string, unknown> = {}): Promise<T> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = result.content[0]?.type === "text" ? result.content[0].text : "";
  if (result.isError) throw new Error(`${name} failed: ${text}`);
  return JSON.parse(text) as T;
}

export async function callError(client: Client, name: string, args: Record<string, unknown> = {}): Promise<string> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  if (!result.isError) throw new Error(`${name} unexpectedly succeeded`);
  return result.content[0]?.type === "text" ? result.content[0].text : "";
}
