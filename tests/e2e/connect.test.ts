// In a real browser and a real MCP client: create a token on the Connect page, paste it into an agent, report task progress and see it in the app; revoking cuts the agent off.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, seedDemoInAppDatabase, signIn } from "./support/browser";

const baseUrl = inject("baseUrl");
let browser: Browser;
let page: Page;
let mcpUrl: string;
let token: string;
let stopMcp: () => Promise<void>;
let closeDb: () => Promise<void>;
const demoPassword = "demo connect password";

async function agent(): Promise<Client> {
  const client = new Client({ name: "e2e-agent", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
  return client;
}

const textOf = (result: unknown) => {
  const content = (result as CallToolResult).content[0];
  return content?.type === "text" ? content.text : "";
};

beforeAll(async () => {
  const app = await seedDemoInAppDatabase(inject("databaseUrl"), demoPassword);
  closeDb = app.close;
  const { createHttpServer } = await import("@/mcp-server/http");
  const mcp = createHttpServer({ db: app.db, host: "127.0.0.1", port: 0 });
  mcpUrl = await mcp.listen();
  stopMcp = mcp.close;
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await signIn(page, baseUrl, { email: app.demo.email, password: demoPassword });
});

afterAll(async () => {
  await browser?.close();
  await stopMcp?.();
  await closeDb?.();
});

describe("connecting an agent", () => {
  it("creates a token shown once, with set-up snippets filled in", async () => {
    await page.goto(`${baseUrl}/projects/tandem/connect`);
    await page.getByLabel("Label").fill("E2E agent");
    await page.getByRole("button", { name: "Create token" }).click();
    const shown = page.getByTestId("new-token");
    await shown.waitFor();
    token = ((await shown.textContent()) ?? "").trim();
    expect(token).toMatch(/^swp_[A-Za-z0-9_-]{43,}$/);
    const claude = (await page.getByRole("region", { name: "Claude Code" }).textContent()) ?? "";
    expect(claude).toContain("claude mcp add --transport http specwright");
    expect(claude).toContain(`Bearer ${token}`);
    await expect(page.getByRole("region", { name: "Cursor" }).textContent()).resolves.toContain(token);

    await page.reload();
    await page.getByRole("list", { name: "Tokens" }).getByText("E2E agent").waitFor();
    expect(await page.content()).not.toContain(token);
  });

  it("lets the agent read the spec and report progress that the overview shows", async () => {
    const client = await agent();
    const overview = textOf(await client.callTool({ name: "get_overview", arguments: {} }));
    expect(overview).toContain("Tandem");
    const next = JSON.parse(textOf(await client.callTool({ name: "next_task", arguments: {} }))) as { task: { id: string } | null };
    const taskId = next.task?.id;
    expect(taskId).toMatch(/^T-\d{3}$/);
    const result = (await client.callTool({ name: "set_task_status", arguments: { id: taskId, status: "in_progress", note: "Started from the e2e agent" } })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    await client.close();

    await page.goto(`${baseUrl}/projects/tandem`);
    await page.getByText("1 in progress").waitFor();
    await page.getByText(/MCP token “E2E agent” connected for the first time/).waitFor();
  });

  it("revokes the token and the agent is refused", async () => {
    await page.goto(`${baseUrl}/projects/tandem/connect`);
    await page.getByRole("button", { name: "Revoke E2E agent" }).click();
    await page.getByText("Revoked “E2E agent”").waitFor();
    const response = await fetch(mcpUrl, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", Accept: "application/json, text/event-stream" }, body: "{}" });
    expect(response.status).toBe(401);
  });
});
