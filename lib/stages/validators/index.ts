import { STAGE_COUNT, stageByNumber } from "../definitions";
import type { StageData } from "./cross-stage";
import { validateJsonStage } from "./json";
import { validateMarkdownStage } from "./markdown";
import { error, type ValidationMessage } from "./messages";
import { validateSqlStage } from "./sql";
import { validateYamlStage } from "./yaml";

export type { ValidationLevel, ValidationMessage } from "./messages";
export type { RequirementCoverage, StageData, StagesData } from "./cross-stage";
export type { RequirementsData, ScopeData, TasksData, UsersData } from "./json";
export type { MarkdownData } from "./markdown";
export type { SqlColumn, SqlData, SqlEntity, SqlForeignKey } from "./sql";
export type { ApiOperation, CliData, OpenApiData } from "./yaml";
export { crossStageMessages, requirementCoverage } from "./cross-stage";

/** `data` is the parsed structured form kept in `stages.data`; null when the output does not parse. */
export type StageValidation = { messages: ValidationMessage[]; data: StageData | null };

export const MAX_OUTPUT_BYTES = 1_048_576;

/**
 * Checks one stage output with the real parser for its format, then the stage's own rules.
 * Throws RangeError for a stage number that does not exist: callers validate user input before this.
 */
export async function validateStageOutput(input: {
  stageNumber: number;
  content: string;
  variant?: "cli";
}): Promise<StageValidation> {
  const { stageNumber: stage, content, variant } = input;
  const definition = stageByNumber(stage);
  if (definition === undefined) throw new RangeError(`There is no stage ${stage}; stages are numbered 1 to ${STAGE_COUNT}.`);

  if (isTooLarge(content)) {
    const message = `The output is larger than 1 MB (${MAX_OUTPUT_BYTES.toLocaleString("en-US")} bytes as UTF-8); shorten it.`;
    return { messages: [error(stage, "too_large", message)], data: null };
  }
  if (content.trim() === "") {
    return { messages: [error(stage, "empty_output", `The ${definition.label} output is empty.`)], data: null };
  }

  switch (definition.format) {
    case "json":
      return validateJsonStage(stage, content);
    case "sql":
      return validateSqlStage(stage, content);
    case "yaml":
      return validateYamlStage(stage, content, variant);
    case "md":
      return validateMarkdownStage(stage, content, definition.sections);
  }
}

export function hasErrors(messages: readonly ValidationMessage[]): boolean {
  return messages.some((message) => message.level === "error");
}

function isTooLarge(content: string): boolean {
  // A UTF-16 unit encodes to one to three UTF-8 bytes, so only lengths in between need the actual encoding.
  if (content.length * 3 <= MAX_OUTPUT_BYTES) return false;
  return content.length > MAX_OUTPUT_BYTES || new TextEncoder().encode(content).length > MAX_OUTPUT_BYTES;
}
