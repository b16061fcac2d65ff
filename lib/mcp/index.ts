export { serverUrl } from "./connect";
export { setupSnippets, type SetupSnippets } from "./snippets";
export { getTaskProgress, nextReadyTask, setTaskStatus, taskStatuses, type TaskProgressView, type TaskStatus, type TaskWithProgress } from "./progress";
export { searchSpec, type SearchHit } from "./search";
export {
  formatMimeTypes,
  getOverview,
  getRequirement,
  getStage,
  getTask,
  implementTaskBrief,
  listRequirements,
  listTasks,
  nextTask,
  readStageResource,
  reportTaskStatus,
  type SpecContext,
} from "./spec";
export { authenticateToken, createToken, DEFAULT_TOKEN_RATE_LIMIT, hashToken, listTokens, revokeToken, type TokenContext, type TokenSummary } from "./tokens";
