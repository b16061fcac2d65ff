import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { getOverview } from "../../lib/mcp";
import { toolResult, type ToolDeps } from "./context";

export function registerGetOverview(server: McpServer, { db, ctx }: ToolDeps): void {
  server.registerTool(
    "get_overview",
    {
      description: "Project, template, each stage's status/version/staleness, requirement coverage % and task counts.",
      annotations: { readOnlyHint: true },
    },
    () => toolResult(() => getOverview(db, ctx)),
  );
}
