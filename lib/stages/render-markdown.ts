import type { RequirementsData, ScopeData, StageData, TasksData, UsersData } from "./validators";

/** Markdown cells must not break the table: pipes escaped, line breaks folded. */
const cell = (value: string) => value.replaceAll("|", "\\|").replace(/\s*\n\s*/g, " ");
const list = (items: readonly string[]) => items.map((item) => `- ${item}`).join("\n");

function renderUsers(data: UsersData): string {
  const personas = data.personas.map((persona) =>
    [`### ${persona.id} · ${persona.name}`, `*${persona.role}*`, "", "**Goals**", list(persona.goals), "", "**Pains**", list(persona.pains)].join("\n"),
  );
  const scenarios = data.scenarios.map((scenario) =>
    typeof scenario === "string" ? `- ${scenario}` : [`- **${scenario.title}**${scenario.personaId ? ` (${scenario.personaId})` : ""}`, ...scenario.steps.map((step, index) => `  ${index + 1}. ${step}`)].join("\n"),
  );
  return ["## Personas", "", personas.join("\n\n"), "", "## Scenarios", "", scenarios.join("\n") || "_None._"].join("\n");
}

function renderRequirements(data: RequirementsData): string {
  const requirements = data.requirements.map((requirement) =>
    [
      `### ${requirement.id} · ${requirement.title}`,
      `**Priority:** ${requirement.priority} · **Personas:** ${requirement.personas.join(", ") || "—"}`,
      "",
      requirement.story,
      "",
      "**Acceptance criteria**",
      list(requirement.acceptance),
    ].join("\n"),
  );
  const nonFunctional = ["| ID | Category | Statement |", "| --- | --- | --- |", ...data.nonFunctional.map((item) => `| ${item.id} | ${cell(item.category)} | ${cell(item.statement)} |`)];
  return ["## Functional requirements", "", requirements.join("\n\n"), "", "## Non-functional requirements", "", nonFunctional.join("\n")].join("\n");
}

function renderScope(data: ScopeData): string {
  const milestones = data.milestones.map((milestone) => [`### ${milestone.id} · ${milestone.name}`, milestone.goal, "", `**Requirements:** ${milestone.requirementIds.join(", ") || "—"}`].join("\n"));
  const risks = ["| Risk | Mitigation |", "| --- | --- |", ...data.risks.map((item) => `| ${cell(item.risk)} | ${cell(item.mitigation)} |`)];
  return ["## Milestones", "", milestones.join("\n\n"), "", "## Out of scope", "", list(data.outOfScope) || "_Nothing listed._", "", "## Risks", "", risks.join("\n")].join("\n");
}

function renderTasks(data: TasksData): string {
  const overview = ["| ID | Task | Milestone | Estimate | Depends on | Requirements |", "| --- | --- | --- | --- | --- | --- |"];
  for (const task of data.tasks) {
    overview.push(`| ${task.id} | ${cell(task.title)} | ${task.milestone} | ${task.estimate} | ${task.dependsOn.join(", ") || "—"} | ${task.requirementIds.join(", ") || "—"} |`);
  }
  const details = data.tasks.map((task) => [`### ${task.id} · ${task.title}`, task.description, "", "**Acceptance criteria**", list(task.acceptance) || "_None._"].join("\n"));
  return ["## Tasks", "", overview.join("\n"), "", details.join("\n\n")].join("\n");
}

/** A JSON stage's parsed content as readable Markdown (the export's .md twins and the wizard's preview). */
export function renderJsonStageMarkdown(stageNumber: number, title: string, data: StageData): string | null {
  const body =
    stageNumber === 2 && "personas" in data
      ? renderUsers(data)
      : stageNumber === 3 && "requirements" in data
        ? renderRequirements(data)
        : stageNumber === 4 && "milestones" in data
          ? renderScope(data)
          : stageNumber === 9 && "tasks" in data
            ? renderTasks(data)
            : null;
  return body === null ? null : `# ${title}\n\n${body}\n`;
}
