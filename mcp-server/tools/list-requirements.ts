import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { listRequirements } from "../../lib/mcp";
import { toolResult, type ToolDeps } from "./context";

export const listRequirementsInput = { priority: z.enum(["must", "should", "could", "wont"]).optional() };

export function registerListRequirements(server: McpServer, { db, ctx }: ToolDeps): void {
  server.registerTool(
    "list_requirements",
    { description: "Requirements with priority, personas and covering task ids.", inputSchema: listRequirementsInput, annotations: { readOnlyHint: true } },
    (filter) => toolResult(() => listRequirements(db, ctx, filter)),
  );
}
