import type { StageDefinition } from "../stages/definitions";
import type { ValidationMessage } from "../stages/validators";
import type { StageDefaults } from "../templates/schema";

export type PromptInput = {
  stage: StageDefinition;
  label: string;
  variant: "cli" | undefined;
  defaults: StageDefaults | undefined;
  project: { name: string; description: string | null };
  userInput: string;
  /** Active outputs of stages 1..N-1, in order. */
  upstream: { number: number; label: string; format: string; content: string }[];
};

export type BuiltPrompt = { name: string; system: string; prompt: string; json: boolean };

const jsonShapes: Record<number, string> = {
  2: '{"personas":[{"id":"P1","name":"…","role":"…","goals":["…"],"pains":["…"]}],"scenarios":[{"id":"S1","title":"…","personaId":"P1","steps":["…"]}]}',
  3: '{"requirements":[{"id":"REQ-001","title":"…","story":"As a …, I want … so that …","acceptance":["WHEN … THE SYSTEM SHALL …"],"priority":"must|should|could|wont","personas":["P1"]}],"nonFunctional":[{"id":"NFR-001","category":"performance","statement":"…"}]}',
  4: '{"milestones":[{"id":"M1","name":"…","goal":"…","requirementIds":["REQ-001"]}],"outOfScope":["…"],"risks":[{"risk":"…","mitigation":"…"}]}',
  9: '{"tasks":[{"id":"T-001","title":"…","description":"…","dependsOn":[],"requirementIds":["REQ-001"],"milestone":"M1","estimate":"S|M|L","acceptance":["…"]}]}',
};

function formatRules(stage: StageDefinition, variant: "cli" | undefined): string {
  switch (stage.format) {
    case "md":
      return `Write Markdown with exactly these second-level sections, each non-empty: ${stage.sections.map((section) => `"## ${section}"`).join(", ")}.`;
    case "json":
      return [
        "Answer with one JSON object and nothing else, in exactly this shape:",
        jsonShapes[stage.number] ?? "{}",
        "Ids are unique; every reference (personas, requirementIds, dependsOn, milestone) must point at an id that exists in the earlier stages or in this document; task dependencies must not form a cycle.",
      ].join("\n");
    case "sql":
      return "Write PostgreSQL DDL only (CREATE TABLE, CREATE INDEX, comments). Every table has a primary key; every foreign key references a table defined in the same script, created before it.";
    case "yaml":
      return variant === "cli"
        ? "Write a YAML command spec: name, description, version, and commands: [{name, description, usage, args: [{name, description, required}], options: [{name: --flag, alias, description, type, default}], examples: []}]."
        : "Write a complete OpenAPI 3.1 document in YAML (openapi: 3.1.0, info, paths with operationId, summary, tags and responses, components/schemas for the entities of the data model).";
  }
}

/** The prompt for drafting stage N; its versioned name is recorded with every provider call. */
export function buildStagePrompt(input: PromptInput): BuiltPrompt {
  const { stage, label, defaults } = input;
  const system = [
    "You are a senior product engineer writing one stage of a software specification that AI coding agents will build from.",
    `This is stage ${stage.number} of 9: ${label}.`,
    formatRules(stage, input.variant),
    "Output only the document itself: no preamble, no explanation, no code fences.",
    defaults?.promptHints ? `Guidance for this kind of project: ${defaults.promptHints}` : "",
  ]
    .filter(Boolean)
    .join("\n\n");

  const upstream = input.upstream.map((output) => `### Stage ${output.number}: ${output.label} (${output.format})\n\n${output.content.trim()}`);
  const prompt = [
    `Project: ${input.project.name}`,
    input.project.description ? `Description: ${input.project.description}` : "",
    upstream.length ? `The approved earlier stages:\n\n${upstream.join("\n\n")}` : "",
    defaults?.questions.length ? `Questions this stage should answer:\n${defaults.questions.map((question) => `- ${question}`).join("\n")}` : "",
    input.userInput.trim() ? `The author's notes for this stage (follow them):\n${input.userInput.trim()}` : "",
    `Write the ${label} stage now.`,
  ]
    .filter(Boolean)
    .join("\n\n");

  return { name: `stage.${stage.name}.v1`, system, prompt, json: stage.format === "json" };
}

/** One repair attempt: the same task, the previous answer and what the validator found wrong with it. */
export function buildRepairPrompt(original: BuiltPrompt, stage: StageDefinition, previous: string, messages: ValidationMessage[]): BuiltPrompt {
  const problems = messages.filter((message) => message.level === "error").map((message) => `- ${message.message}${message.path ? ` (at ${message.path})` : ""}`);
  return {
    name: `stage.${stage.name}.repair.v1`,
    system: original.system,
    prompt: [original.prompt, "Your previous answer was:", previous, "A validator found these errors in it:", problems.join("\n"), "Answer again with the corrected document only."].join("\n\n"),
    json: original.json,
  };
}

/** Models often wrap the document in a Markdown code fence despite being asked not to. */
export function extractDocument(text: string): string {
  const fenced = /^\s*```[\w-]*\n([\s\S]*?)\n```\s*$/.exec(text);
  return (fenced ? fenced[1]! : text).trim() + "\n";
}
