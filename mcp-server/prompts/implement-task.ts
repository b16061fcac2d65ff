import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { implementTaskBrief } from "../../lib/mcp";
import type { ToolDeps } from "../tools/context";

export function registerImplementTask(server: McpServer, { db, ctx }: ToolDeps): void {
  server.registerPrompt(
    "implement_task",
    {
      description: "Hand an agent one task with its requirements, acceptance criteria and the data-model and API parts it touches.",
      argsSchema: { taskId: z.string().max(20).describe("e.g. T-001") },
    },
    async ({ taskId }) => ({
      description: `Implement ${taskId}`,
      messages: [{ role: "user", content: { type: "text", text: await implementTaskBrief(db, ctx, taskId) } }],
    }),
  );
}
