import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { getStage } from "../../lib/mcp";
import { toolResult, type ToolDeps } from "./context";

export const getStageInput = {
  stage: z.union([z.number().int(), z.string()]).describe("1-9 or name, e.g. requirements"),
  version: z.number().int().min(1).optional().describe("Default: active"),
};

export function registerGetStage(server: McpServer, { db, ctx }: ToolDeps): void {
  server.registerTool(
    "get_stage",
    { description: "One stage's output (md, json, sql or yaml) with status and version.", inputSchema: getStageInput, annotations: { readOnlyHint: true } },
    (input) => toolResult(() => getStage(db, ctx, input)),
  );
}
