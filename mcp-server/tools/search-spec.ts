import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { searchSpec } from "../../lib/mcp";
import { toolResult, type ToolDeps } from "./context";

export const searchSpecInput = {
  query: z.string().trim().min(1).max(200).describe('Web-search syntax: words, "phrases", -exclude, or'),
  limit: z.number().int().min(1).max(50).default(10),
};

export function registerSearchSpec(server: McpServer, { db, ctx }: ToolDeps): void {
  server.registerTool(
    "search_spec",
    { description: "Full-text search across all stages; snippets with stage and path.", inputSchema: searchSpecInput, annotations: { readOnlyHint: true } },
    ({ query, limit }) => toolResult(() => searchSpec(db, ctx.projectId, query, limit)),
  );
}
