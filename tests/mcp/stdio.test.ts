// MCP over stdio: a spawned `tsx mcp-server/main.ts --stdio` serves the token's project to a real SDK client and refuses a bad token.
import { spawnSync } from "node:child_process";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { getDefaultEnvironment, StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { beforeAll, describe, expect, it } from "vitest";
import { callJson, seedDemoProject, tokenFor } from "./support";

let token: string;

function serverEnvironment(specwrightToken: string) {
  return { ...getDefaultEnvironment(), DATABASE_URL: process.env.DATABASE_URL!, SPECWRIGHT_TOKEN: specwrightToken, NODE_ENV: "test" as const, DATA_DIR: ".data/test", LOG_LEVEL: "warn" };
}

beforeAll(async () => {
  token = await tokenFor(await seedDemoProject(), { label: "stdio agent" });
});

describe("stdio transport", () => {
  it("serves tools to a client that spawned it", async () => {
    const client = new Client({ name: "specwright-test", version: "1.0.0" });
    await client.connect(new StdioClientTransport({ command: "npx", args: ["tsx", "mcp-server/main.ts", "--stdio"], env: serverEnvironment(token), stderr: "pipe" }));
    try {
      const overview = await callJson<{ project: { name: string } }>(client, "get_overview");
      expect(overview.project.name).toBe("Tandem");
      const stage = await callJson<{ stage: { name: string } }>(client, "get_stage", { stage: 9 });
      expect(stage.stage.name).toBe("tasks");
    } finally {
      await client.close();
    }
  }, 60_000);

  it("exits with a 401-style message and serves nothing for an unknown token", () => {
    const run = spawnSync("npx", ["tsx", "mcp-server/main.ts", "--stdio"], { env: serverEnvironment(`swp_${"B".repeat(43)}`), input: "", encoding: "utf8", timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("Unknown or revoked token.");
  }, 60_000);
});
