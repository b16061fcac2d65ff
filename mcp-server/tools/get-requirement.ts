import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { getRequirement } from "../../lib/mcp";
import { toolResult, type ToolDeps } from "./context";

export const getRequirementInput = { id: z.string().max(20).describe("e.g. REQ-001") };

export function registerGetRequirement(server: McpServer, { db, ctx }: ToolDeps): void {
  server.registerTool(
    "get_requirement",
    { description: "One requirement: story, acceptance criteria and the tasks covering it.", inputSchema: getRequirementInput, annotations: { readOnlyHint: true } },
    ({ id }) => toolResult(() => getRequirement(db, ctx, id)),
  );
}
