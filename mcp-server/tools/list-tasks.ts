import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { listTasks, taskStatuses } from "../../lib/mcp";
import { toolResult, type ToolDeps } from "./context";

export const listTasksInput = { status: z.enum(taskStatuses).optional(), milestone: z.string().max(20).optional().describe("e.g. M1") };

export function registerListTasks(server: McpServer, { db, ctx }: ToolDeps): void {
  server.registerTool(
    "list_tasks",
    { description: "Plan tasks in order with milestone, estimate, dependencies and status.", inputSchema: listTasksInput, annotations: { readOnlyHint: true } },
    (filter) => toolResult(() => listTasks(db, ctx, filter)),
  );
}
