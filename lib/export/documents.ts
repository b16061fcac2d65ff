import type { ValidationMessage } from "../stages/validators";
import type { ExportStatus } from "./validation";
import { exportErrorCodes } from "./validation";

export type StageEntry = {
  number: number;
  name: string;
  label: string;
  status: "approved" | "draft" | "missing";
  version: number | null;
  /** ISO 8601, from the stage's approval; null for drafts and missing stages. */
  approvedAt: string | null;
  stale: boolean;
  files: string[];
};

export type DocumentInput = {
  project: { name: string; description: string | null };
  template: { name: string } | null;
  validation: { status: ExportStatus; errors: number; warnings: number };
  stages: readonly StageEntry[];
  messages: readonly ValidationMessage[];
};

/** User text in headings and table cells: one line, pipes escaped, so it cannot restructure the document. */
const inline = (value: string) => value.replace(/\s+/g, " ").trim().replaceAll("|", "\\|");
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
const fileLinks = (files: readonly string[]) => files.map((file) => `[${file}](${file})`).join(", ");

function stageState(stage: StageEntry): string {
  if (stage.status === "missing") return "Missing: no output yet";
  const stale = stage.stale ? " · stale" : "";
  return stage.status === "approved" ? `Approved ${stage.approvedAt?.slice(0, 10) ?? ""}${stale}` : `**Draft**, not approved${stale}`;
}

function statusLine(validation: DocumentInput["validation"]): string {
  return `**${validation.status}** (${plural(validation.errors, "error")}, ${plural(validation.warnings, "warning")})`;
}

export function readmeMarkdown(input: DocumentInput): string {
  const drafts = input.stages.filter((stage) => stage.status !== "approved");
  const rows = input.stages.map(
    (stage) => `| ${stage.number} | ${inline(stage.label)} | ${stage.files.length > 0 ? fileLinks(stage.files) : "—"} | ${stage.version ?? "—"} | ${stageState(stage)} |`,
  );
  return [
    `# ${inline(input.project.name)}: specification`,
    "",
    ...(input.project.description ? [input.project.description.trim(), ""] : []),
    `A nine-stage software specification exported from Specwright${input.template ? ` (template: ${inline(input.template.name)})` : ""}. It is meant to be built from by a coding agent or a developer.`,
    "",
    `Validation: ${statusLine(input.validation)}. Every finding is in [VALIDATION.md](VALIDATION.md).`,
    ...(drafts.length > 0 ? ["", `**Not final:** ${drafts.map((stage) => `stage ${stage.number} (${stage.status})`).join(", ")} ${drafts.length === 1 ? "is" : "are"} not approved yet.`] : []),
    "",
    "## Stages",
    "",
    "| # | Stage | Files | Version | Status |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    "",
    "## Connecting a coding agent",
    "",
    "1. Put this folder next to (or inside) the code repository the agent works in.",
    "2. Tell the agent to follow [AGENTS.md](AGENTS.md). Claude Code reads [CLAUDE.md](CLAUDE.md), which points there; Codex, Cursor and most other agents read AGENTS.md themselves.",
    "3. For the live spec and progress reporting, connect the agent to Specwright's MCP server: open the project's **Connect an agent** page in Specwright, create a token and paste the set-up shown there for Claude Code, Cursor or VS Code.",
    "",
    "## Checking the files",
    "",
    "[manifest.json](manifest.json) lists the project, the template, each stage's version and the SHA-256 and size of every other file (`sha256sum` reproduces them). The same stage versions always give a byte-identical package, so two exports can be compared by hash.",
    "",
  ].join("\n");
}

/** Where an agent finds each kind of thing, for the stages the package has. */
const stageGuide: Record<number, string> = {
  1: "the problem, target users, goals, success metrics and non-goals. Read it first; do not build non-goals.",
  2: "personas (`P1`…) and scenarios; requirements refer to personas by id.",
  3: "the requirements: `requirements[]` with ids `REQ-001`…, a priority (must/should/could/wont) and `acceptance[]` criteria in EARS form (WHEN … THE SYSTEM SHALL …); `nonFunctional[]` (`NFR-001`…) apply to everything.",
  4: "milestones (`M1`…) with the requirements each delivers, what is out of scope, and risks.",
  5: "the architecture, components, tech stack, decisions, deployment and security. Use this stack; do not swap it.",
  6: "the PostgreSQL schema as DDL. Apply it as the first migration; keep table and column names.",
  7: "the interface contract (OpenAPI, or the command spec of a command-line tool). Implement it exactly: paths, methods, schemas and status codes, or commands and flags.",
  8: "screens, navigation, flows, states and accessibility requirements for the UI.",
  9: "the implementation plan: `tasks[]` with ids `T-001`…, `dependsOn[]`, `requirementIds[]`, a milestone, an estimate and `acceptance[]` criteria.",
};

export function agentsMarkdown(input: DocumentInput): string {
  const present = input.stages.filter((stage) => stage.files.length > 0);
  const readOrder = present.map((stage) => `${stage.number}. ${fileLinks(stage.files)}: ${stageGuide[stage.number] ?? inline(stage.label)}${stage.status === "draft" ? " **(draft: not approved, may change)**" : ""}`);
  const hasTasks = present.some((stage) => stage.number === 9);
  return [
    "# Instructions for coding agents",
    "",
    `This folder is the specification of **${inline(input.project.name)}**. Build what it describes. Do not edit the spec; when it is wrong, contradictory or silent on something you need, stop and ask the user instead of guessing.`,
    "",
    `Before starting, read [VALIDATION.md](VALIDATION.md): the package's status is ${statusLine(input.validation)}. Treat stages marked draft or stale as provisional and tell the user about errors that affect your task.`,
    "",
    "## Read in this order",
    "",
    ...readOrder,
    "",
    "## Where things are",
    "",
    "- **Requirements** are in stage 3; each has an id (`REQ-…`), a priority and acceptance criteria. `must` requirements are the minimum to ship.",
    "- **Tasks** are in stage 9; each names the requirements it delivers (`requirementIds`), the tasks it waits for (`dependsOn`) and its own acceptance criteria.",
    "- **Acceptance criteria** are the definition of done: a task is done when every criterion of the task and of its requirements holds and a test shows it.",
    "- The `.md` files next to JSON stages are readable renderings of the same content; the JSON is authoritative.",
    "",
    "## How to work",
    "",
    ...(hasTasks
      ? [
          "1. Pick a task whose `dependsOn` tasks are all done, earliest milestone first.",
          "2. Read its requirements and acceptance criteria, the data model and the API contract parts it touches.",
          "3. Implement it with tests for each acceptance criterion; run the tests.",
          "4. Reference the task and requirement ids in commit messages, e.g. `T-004: invite members (REQ-002)`.",
        ]
      : ["There is no implementation plan (stage 9) in this package yet: ask the user which requirement to start with."]),
    "",
    "## Reporting progress over MCP",
    "",
    "When the Specwright MCP server is connected (see README.md), use it rather than this folder's copy: it serves the live, current spec.",
    "",
    "- `get_overview` shows the project, its stage versions and task progress; compare the versions with manifest.json to see whether this folder is out of date.",
    "- `next_task` returns the next task whose dependencies are done; `get_task` and `get_requirement` give the details.",
    '- `set_task_status` (`{ "id": "T-001", "status": "in_progress" | "done" | "blocked" | "todo", "note": "…" }`) records progress: set a task in progress when you start it, done when its acceptance criteria pass, blocked (with the reason in `note`) when you cannot go on. The team sees it in Specwright.',
    "",
    "Without the MCP server, report progress to the user by task id.",
    "",
  ].join("\n");
}

export function claudeMarkdown(): string {
  return ["# CLAUDE.md", "", "The instructions for coding agents working from this specification are in [AGENTS.md](AGENTS.md). Follow them.", "", "@AGENTS.md", ""].join("\n");
}

function messageLine(message: ValidationMessage): string {
  const where = message.path ? ` at \`${message.path}\`` : "";
  return `- **${message.level}** \`${message.code}\`${where}: ${message.message.replace(/\s+/g, " ").trim()}`;
}

export function validationMarkdown(input: DocumentInput): string {
  const sections = input.stages.flatMap((stage) => {
    const messages = input.messages.filter((message) => message.stage === stage.number);
    const version = stage.version === null ? "no output" : `version ${stage.version}, ${stage.status}`;
    return [`## ${stage.number} · ${inline(stage.label)} (${version})`, "", ...(messages.length > 0 ? messages.map(messageLine) : ["No findings."]), ""];
  });
  return [
    "# Validation",
    "",
    `Status: ${statusLine(input.validation)}.`,
    "",
    "Every stage was checked by its format's parser and the stage rules, then across stages. At export, these cross-stage findings are errors because they break the trace from requirement to task: " +
      [...exportErrorCodes].map((code) => `\`${code}\``).join(", ") +
      ". Unapproved (draft), stale and missing stages are warnings.",
    "",
    ...sections,
  ].join("\n");
}
