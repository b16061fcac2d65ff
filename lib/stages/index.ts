export { stageByName, stageByNumber, stageDefinitions, STAGE_COUNT, type StageDefinition, type StageName } from "./definitions";
export {
  approveStage,
  getStageVersion,
  getStageView,
  isStale,
  listStageSummaries,
  projectStageData,
  reopenStage,
  revertStage,
  saveStageOutput,
  saveUserInput,
  validateDraft,
  type StageSummary,
  type VersionSummary,
} from "./engine";
export type { OpenApiData, RequirementCoverage, SqlData, StageData, TasksData, ValidationMessage } from "./validators";
