import { ResourceTemplate, type McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { formatMimeTypes, readStageResource } from "../../lib/mcp";
import { stageDefinitions } from "../../lib/stages";
import type { ToolDeps } from "../tools/context";

/** Each stage as spec://stages/{n}, served as its own format (Markdown, JSON, SQL or YAML). */
export function registerStageResources(server: McpServer, { db, ctx }: ToolDeps): void {
  const list = () => ({
    resources: stageDefinitions.map((stage) => ({ uri: `spec://stages/${stage.number}`, name: `${stage.number}-${stage.name}`, title: stage.label, mimeType: formatMimeTypes[stage.format] })),
  });
  server.registerResource(
    "stage",
    new ResourceTemplate("spec://stages/{n}", { list }),
    { description: "A stage's active output; n is 1-9 or the stage name." },
    async (uri, { n }) => {
      const { mimeType, text } = await readStageResource(db, ctx, String(n));
      return { contents: [{ uri: uri.href, mimeType, text }] };
    },
  );
}
