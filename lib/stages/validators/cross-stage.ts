import { stageByNumber } from "../definitions";
import type { RequirementsData, ScopeData, TasksData, UsersData } from "./json";
import type { MarkdownData } from "./markdown";
import { toPointer, warning, type ValidationMessage } from "./messages";
import type { SqlData } from "./sql";
import type { CliData, OpenApiData } from "./yaml";

/** The parsed structured form of any stage's output, as `validateStageOutput` returns it. */
export type StageData = UsersData | RequirementsData | ScopeData | TasksData | SqlData | OpenApiData | CliData | MarkdownData;

export type StagesData = Partial<Record<number, StageData | null>>;

export type RequirementCoverage = { covered: number; total: number; percent: number };

const isUsers = (data: StageData): data is UsersData => "personas" in data;
const isRequirements = (data: StageData): data is RequirementsData => "requirements" in data;
const isScope = (data: StageData): data is ScopeData => "milestones" in data;
const isTasks = (data: StageData): data is TasksData => "tasks" in data;
const isSql = (data: StageData): data is SqlData => "entities" in data && "tables" in data;
const isOpenApi = (data: StageData): data is OpenApiData => "openapi" in data;

function pick<T extends StageData>(stages: StagesData, number: number, guard: (data: StageData) => data is T): T | null {
  const data = stages[number];
  return data != null && guard(data) ? data : null;
}

function label(number: number): string {
  return stageByNumber(number)?.label ?? `stage ${number}`;
}

/**
 * Traceability between stages. Each rule runs only when both stages it compares have parsed data, and every finding is a
 * warning here; export decides which of these codes block a package.
 */
export function crossStageMessages(stages: StagesData): ValidationMessage[] {
  const users = pick(stages, 2, isUsers);
  const requirements = pick(stages, 3, isRequirements);
  const scope = pick(stages, 4, isScope);
  const sql = pick(stages, 6, isSql);
  const api = pick(stages, 7, isOpenApi);
  const tasks = pick(stages, 9, isTasks);

  return [
    ...(requirements && users ? unknownPersonas(requirements, users) : []),
    ...(scope && requirements ? unknownMilestoneRequirements(scope, requirements) : []),
    ...(tasks && requirements ? taskRequirementLinks(tasks, requirements) : []),
    ...(tasks && scope ? unknownTaskMilestones(tasks, scope) : []),
    ...(api && sql ? entitiesWithoutTables(api, sql) : []),
  ];
}

/** Share of must and should requirements that at least one task covers; 0% when there is nothing to cover yet. */
export function requirementCoverage(stages: StagesData): RequirementCoverage {
  const requirements = pick(stages, 3, isRequirements);
  const tasks = pick(stages, 9, isTasks);
  const counted = (requirements?.requirements ?? []).filter(
    (requirement) => requirement.priority === "must" || requirement.priority === "should",
  );
  const coveredIds = new Set(tasks?.tasks.flatMap((task) => task.requirementIds) ?? []);
  const covered = counted.filter((requirement) => coveredIds.has(requirement.id)).length;
  const total = counted.length;
  return { covered, total, percent: total === 0 ? 0 : Math.round((covered / total) * 100) };
}

function unknownPersonas(requirements: RequirementsData, users: UsersData): ValidationMessage[] {
  const known = new Set(users.personas.map((persona) => persona.id));
  return requirements.requirements.flatMap((requirement, index) =>
    requirement.personas.flatMap((persona, personaIndex) =>
      known.has(persona)
        ? []
        : [
            warning(
              3,
              "unknown_persona",
              `Requirement ${requirement.id} references persona ${persona}, which is not defined in ${label(2)}.`,
              toPointer(["requirements", index, "personas", personaIndex]),
            ),
          ],
    ),
  );
}

function unknownMilestoneRequirements(scope: ScopeData, requirements: RequirementsData): ValidationMessage[] {
  const known = new Set(requirements.requirements.map((requirement) => requirement.id));
  return scope.milestones.flatMap((milestone, index) =>
    milestone.requirementIds.flatMap((requirementId, requirementIndex) =>
      known.has(requirementId)
        ? []
        : [
            warning(
              4,
              "unknown_requirement",
              `Milestone ${milestone.id} includes requirement ${requirementId}, which is not defined in ${label(3)}.`,
              toPointer(["milestones", index, "requirementIds", requirementIndex]),
            ),
          ],
    ),
  );
}

function taskRequirementLinks(tasks: TasksData, requirements: RequirementsData): ValidationMessage[] {
  const known = new Set(requirements.requirements.map((requirement) => requirement.id));
  const messages = tasks.tasks.flatMap((task, index) =>
    task.requirementIds.flatMap((requirementId, requirementIndex) =>
      known.has(requirementId)
        ? []
        : [
            warning(
              9,
              "unknown_requirement",
              `Task ${task.id} references requirement ${requirementId}, which is not defined in ${label(3)}.`,
              toPointer(["tasks", index, "requirementIds", requirementIndex]),
            ),
          ],
    ),
  );
  const covered = new Set(tasks.tasks.flatMap((task) => task.requirementIds));
  for (const requirement of requirements.requirements) {
    if (requirement.priority !== "must" || covered.has(requirement.id)) continue;
    messages.push(
      warning(
        9,
        "uncovered_must_requirement",
        `Requirement ${requirement.id} ("${requirement.title}") is a must, but no task in the ${label(9)} covers it.`,
      ),
    );
  }
  return messages;
}

function unknownTaskMilestones(tasks: TasksData, scope: ScopeData): ValidationMessage[] {
  const known = new Set(scope.milestones.map((milestone) => milestone.id));
  return tasks.tasks.flatMap((task, index) =>
    known.has(task.milestone)
      ? []
      : [
          warning(
            9,
            "unknown_milestone",
            `Task ${task.id} belongs to milestone ${task.milestone}, which is not defined in ${label(4)}.`,
            toPointer(["tasks", index, "milestone"]),
          ),
        ],
  );
}

function entitiesWithoutTables(api: OpenApiData, sql: SqlData): ValidationMessage[] {
  const tableForms = new Set(sql.tables.flatMap(nameForms));
  return api.entities.flatMap((schema) => {
    const forms = nameForms(schema);
    if (forms.some((form) => tableForms.has(form))) return [];
    return [
      warning(
        7,
        "entity_without_table",
        `API schema "${schema}" has no matching table in the ${label(6)} (looked for a table named like "${forms[0]}" or its plural).`,
        toPointer(["components", "schemas", schema]),
      ),
    ];
  });
}

/** "TaskList", "task_list" and "task_lists" all reduce to "tasklist"; irregular plurals ("people") are not guessed. */
function nameForms(name: string): string[] {
  const base = name.toLowerCase().replace(/[^a-z0-9]/g, "");
  const forms = [base];
  if (/[^aeiou]ies$/.test(base)) forms.push(base.slice(0, -3) + "y");
  else if (/(ss|x|z|ch|sh|s)es$/.test(base)) forms.push(base.slice(0, -2));
  else if (/[^s]s$/.test(base)) forms.push(base.slice(0, -1));
  return forms;
}
