import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { registerImplementTask } from "./prompts/implement-task";
import { registerStageResources } from "./resources/stages";
import type { ToolDeps } from "./tools/context";
import { registerGetOverview } from "./tools/get-overview";
import { registerGetRequirement } from "./tools/get-requirement";
import { registerGetStage } from "./tools/get-stage";
import { registerGetTask } from "./tools/get-task";
import { registerListRequirements } from "./tools/list-requirements";
import { registerListTasks } from "./tools/list-tasks";
import { registerNextTask } from "./tools/next-task";
import { registerSearchSpec } from "./tools/search-spec";
import { registerSetTaskStatus } from "./tools/set-task-status";

const instructions =
  "Specwright serves one project's approved specification. Start with get_overview, read stages with get_stage or spec://stages/{n}, " +
  "pick work with next_task and report it with set_task_status.";

/**
 * One MCP server bound to one token's context. Transports create one per session (HTTP: per request),
 * so nothing is shared between clients.
 */
export function createServer(deps: ToolDeps): { server: McpServer; cleanup: () => Promise<void> } {
  const server = new McpServer({ name: "specwright", version: "0.1.0" }, { instructions });
  for (const register of [
    registerGetOverview,
    registerGetStage,
    registerSearchSpec,
    registerListRequirements,
    registerGetRequirement,
    registerListTasks,
    registerGetTask,
    registerNextTask,
    registerSetTaskStatus,
    registerStageResources,
    registerImplementTask,
  ]) {
    register(server, deps);
  }
  return { server, cleanup: () => server.close() };
}
