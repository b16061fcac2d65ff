import { validatorVariant } from "../stages/engine";
import { crossStageMessages, hasErrors, validateStageOutput, type StageData, type StagesData, type ValidationMessage } from "../stages/validators";
import type { SourceStage } from "./source";

export type ExportStatus = "valid" | "warnings" | "errors";

export type ExportValidation = {
  status: ExportStatus;
  messages: ValidationMessage[];
  /** Parsed content per stage number, for the Markdown twins of the JSON stages. */
  data: ReadonlyMap<number, StageData>;
};

/**
 * Cross-stage codes that break traceability from requirement to task: a package with them cannot
 * be built from faithfully, so export raises them to errors (approve keeps them as warnings).
 */
export const exportErrorCodes: ReadonlySet<string> = new Set(["uncovered_must_requirement", "unknown_requirement", "unknown_milestone"]);

export function statusOf(messages: readonly ValidationMessage[]): ExportStatus {
  if (hasErrors(messages)) return "errors";
  return messages.length > 0 ? "warnings" : "valid";
}

/** Every stage validator and the cross-stage checks, plus what the package itself must admit: drafts, gaps, staleness. */
export async function validateForExport(stages: readonly SourceStage[], templateCategory: string | null): Promise<ExportValidation> {
  const messages: ValidationMessage[] = [];
  const data = new Map<number, StageData>();
  for (const stage of stages) {
    if (stage.output === null) {
      messages.push({ level: "warning", stage: stage.number, code: "missing_stage", message: `${stage.label} has no output yet; the package leaves it out.`, path: "" });
      continue;
    }
    const validation = await validateStageOutput({ stageNumber: stage.number, content: stage.output.content, variant: validatorVariant(stage.number, templateCategory) });
    messages.push(...validation.messages);
    if (validation.data) data.set(stage.number, validation.data);
    if (!stage.approved) {
      messages.push({ level: "warning", stage: stage.number, code: "draft_stage", message: `${stage.label} is not approved; version ${stage.output.version} is included as a draft.`, path: "" });
    }
    if (stage.stale) {
      messages.push({ level: "warning", stage: stage.number, code: "stale_stage", message: `${stage.label} was written against older versions of earlier stages; review it against them.`, path: "" });
    }
  }
  const cross = crossStageMessages(Object.fromEntries(data) as StagesData).map((message) =>
    exportErrorCodes.has(message.code) ? { ...message, level: "error" as const } : message,
  );
  // Stable order by stage, so the same versions always give the same VALIDATION.md.
  const all = [...messages, ...cross].map((message, index) => ({ message, index }));
  all.sort((a, b) => a.message.stage - b.message.stage || a.index - b.index);
  const sorted = all.map(({ message }) => message);
  return { status: statusOf(sorted), messages: sorted, data };
}
