import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { nextTask } from "../../lib/mcp";
import { toolResult, type ToolDeps } from "./context";

export function registerNextTask(server: McpServer, { db, ctx }: ToolDeps): void {
  server.registerTool(
    "next_task",
    { description: "The first task in plan order, not done or blocked, whose dependencies are all done.", annotations: { readOnlyHint: true } },
    () => toolResult(() => nextTask(db, ctx)),
  );
}
