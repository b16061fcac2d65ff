import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { reportTaskStatus, taskStatuses } from "../../lib/mcp";
import { toolResult, type ToolDeps } from "./context";

export const setTaskStatusInput = {
  id: z.string().max(20).describe("e.g. T-001"),
  status: z.enum(taskStatuses),
  note: z.string().max(2000).optional(),
};

export function registerSetTaskStatus(server: McpServer, { db, ctx }: ToolDeps): void {
  server.registerTool(
    "set_task_status",
    {
      description: "Report a task's progress; the project's owner sees it in Specwright.",
      inputSchema: setTaskStatusInput,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
    },
    ({ id, status, note }) => toolResult(() => reportTaskStatus(db, ctx, { taskId: id, status, note })),
  );
}
