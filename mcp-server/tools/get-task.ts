import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { getTask } from "../../lib/mcp";
import { toolResult, type ToolDeps } from "./context";

export const getTaskInput = { id: z.string().max(20).describe("e.g. T-001") };

export function registerGetTask(server: McpServer, { db, ctx }: ToolDeps): void {
  server.registerTool(
    "get_task",
    {
      description: "One task with its requirements' acceptance criteria and its dependencies' status.",
      inputSchema: getTaskInput,
      annotations: { readOnlyHint: true },
    },
    ({ id }) => toolResult(() => getTask(db, ctx, id)),
  );
}
