import { z } from "zod";
import { describePosition, error, formatLineCol, lineColAt, toPointer, warning, type ValidationMessage } from "./messages";
import { issueMessage, itemKinds } from "./schema-issues";

const text = z.string().trim().min(1, { error: "must not be empty" });
const textList = z.array(text);

function idOf(pattern: RegExp, example: string) {
  return z.string().regex(pattern, { error: `must look like "${example}"` });
}

const personaId = idOf(/^P\d+$/, "P1");
const requirementId = idOf(/^REQ-\d{3,}$/, "REQ-001");
const nonFunctionalId = idOf(/^NFR-\d{3,}$/, "NFR-001");
const milestoneId = idOf(/^M\d+$/, "M1");
const taskId = idOf(/^T-\d{3,}$/, "T-001");

// Scenarios are free-form in practice (AI drafts and hand-written specs both use plain strings), so either shape passes.
const scenarioSchema = z.union(
  [
    text,
    z.object({
      id: z.string().optional(),
      title: text,
      personaId: z.string().optional(),
      steps: textList.default([]),
    }),
  ],
  { error: "must be a string or an object with a title" },
);

const usersSchema = z.object({
  personas: z.array(z.object({ id: personaId, name: text, role: text, goals: textList, pains: textList })),
  scenarios: z.array(scenarioSchema).default([]),
});

const requirementsSchema = z.object({
  requirements: z.array(
    z.object({
      id: requirementId,
      title: text,
      story: text,
      acceptance: textList,
      priority: z.enum(["must", "should", "could", "wont"]),
      personas: z.array(z.string()),
    }),
  ),
  nonFunctional: z.array(z.object({ id: nonFunctionalId, category: text, statement: text })),
});

const scopeSchema = z.object({
  milestones: z.array(z.object({ id: milestoneId, name: text, goal: text, requirementIds: z.array(z.string()) })),
  outOfScope: textList,
  risks: z.array(z.object({ risk: text, mitigation: text })),
});

const tasksSchema = z.object({
  tasks: z.array(
    z.object({
      id: taskId,
      title: text,
      description: text,
      // A task with no prerequisites is often written without the key at all.
      dependsOn: z.array(z.string()).default([]),
      requirementIds: z.array(z.string()),
      milestone: z.string(),
      estimate: z.enum(["S", "M", "L"]),
      acceptance: textList,
    }),
  ),
});

export type UsersData = z.infer<typeof usersSchema>;
export type RequirementsData = z.infer<typeof requirementsSchema>;
export type ScopeData = z.infer<typeof scopeSchema>;
export type TasksData = z.infer<typeof tasksSchema>;
export type JsonStageData = UsersData | RequirementsData | ScopeData | TasksData;

export type JsonValidation = { messages: ValidationMessage[]; data: JsonStageData | null };

export function validateJsonStage(stage: number, content: string): JsonValidation {
  const parsed = parseJson(stage, content);
  if ("failure" in parsed) return { messages: [parsed.failure], data: null };

  switch (stage) {
    case 2:
      return checkStage(stage, parsed.value, usersSchema, usersRules);
    case 3:
      return checkStage(stage, parsed.value, requirementsSchema, requirementsRules);
    case 4:
      return checkStage(stage, parsed.value, scopeSchema, scopeRules);
    case 9:
      return checkStage(stage, parsed.value, tasksSchema, tasksRules);
    default:
      throw new RangeError(`Stage ${stage} is not a JSON stage.`);
  }
}

function checkStage<T extends JsonStageData>(
  stage: number,
  value: unknown,
  schema: z.ZodType<T>,
  rules: (stage: number, data: T) => ValidationMessage[],
): JsonValidation {
  const result = schema.safeParse(value);
  if (!result.success) return { messages: result.error.issues.map((issue) => issueMessage(stage, issue, value)), data: null };
  return { messages: rules(stage, result.data), data: result.data };
}

function parseJson(stage: number, content: string): { value: unknown } | { failure: ValidationMessage } {
  try {
    return { value: JSON.parse(content) };
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const reported = /at position (\d+)/.exec(reason);
    // V8 leaves the offset out of some messages ("Unexpected token ']', ..."), so find it ourselves then.
    const offset = reported ? Number(reported[1]) : locateJsonError(content);
    const position = lineColAt(content, offset);
    const summary = reason
      .replace(/ in JSON at position \d+.*$/s, "")
      .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, "");
    return {
      failure: error(
        stage,
        "invalid_json",
        `Invalid JSON at ${describePosition(position)}: ${summary}.`,
        formatLineCol(position),
      ),
    };
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

/**
 * Offset of the first character that makes `text` invalid JSON (RFC 8259), or its length when the input ends early.
 * Only called after JSON.parse failed, so "no error found" cannot happen. Iterative so deep nesting cannot overflow the stack.
 */
function locateJsonError(text: string): number {
  const open: ("{" | "[")[] = [];
  let i = 0;
  let expect: "value" | "valueOrClose" | "key" | "keyOrClose" | "after" = "value";
  const skipSpace = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  // Returns the offset of a bad character inside the string, or -1 once i is past the closing quote.
  const skipString = (): number => {
    i++;
    while (i < text.length) {
      const char = text[i]!;
      if (char === '"') {
        i++;
        return -1;
      }
      if (char === "\\") {
        const escaped = text[i + 1];
        if (escaped === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else if (escaped !== undefined && ESCAPES.has(escaped)) i += 2;
        else return i + 1;
      } else if (char.charCodeAt(0) < 0x20) {
        return i;
      } else {
        i++;
      }
    }
    return text.length;
  };

  for (;;) {
    skipSpace();
    if (i >= text.length) return text.length;
    const char = text[i]!;
    if (expect === "after") {
      const top = open.at(-1);
      if (top === undefined) return i;
      if (char === ",") {
        i++;
        expect = top === "{" ? "key" : "value";
      } else if ((char === "}" && top === "{") || (char === "]" && top === "[")) {
        i++;
        open.pop();
      } else {
        return i;
      }
    } else if (expect === "key" || expect === "keyOrClose") {
      if (char === "}" && expect === "keyOrClose") {
        i++;
        open.pop();
        expect = "after";
        continue;
      }
      if (char !== '"') return i;
      const bad = skipString();
      if (bad !== -1) return bad;
      skipSpace();
      if (text[i] !== ":") return i;
      i++;
      expect = "value";
    } else if (char === "]" && expect === "valueOrClose") {
      i++;
      open.pop();
      expect = "after";
    } else if (char === "{" || char === "[") {
      open.push(char);
      i++;
      expect = char === "{" ? "keyOrClose" : "valueOrClose";
    } else if (char === '"') {
      const bad = skipString();
      if (bad !== -1) return bad;
      expect = "after";
    } else {
      NUMBER.lastIndex = i;
      const literal = ["true", "false", "null"].find((word) => text.startsWith(word, i));
      if (literal) i += literal.length;
      else if (NUMBER.test(text)) i = NUMBER.lastIndex;
      else return i;
      expect = "after";
    }
  }
}

function usersRules(stage: number, data: UsersData): ValidationMessage[] {
  const messages = [
    ...requireItems(stage, data.personas, "personas", "Users & Personas defines no personas; add at least one."),
    ...duplicateIds(stage, "personas", indexed(data.personas)),
  ];
  const scenarios = data.scenarios.flatMap((scenario, index) => (typeof scenario === "string" ? [] : [{ ...scenario, index }]));
  messages.push(...duplicateIds(stage, "scenarios", scenarios));
  const personaIds = new Set(data.personas.map((persona) => persona.id));
  for (const scenario of scenarios) {
    if (scenario.personaId === undefined || personaIds.has(scenario.personaId)) continue;
    messages.push(
      error(
        stage,
        "unknown_persona",
        `Scenario "${scenario.title}" belongs to persona ${scenario.personaId}, which is not defined in personas.`,
        toPointer(["scenarios", scenario.index, "personaId"]),
      ),
    );
  }
  return messages;
}

const EARS_TRIGGERED = /\b(when|while|if|where)\b[\s\S]*\bthe system shall\b/i;
const EARS_UBIQUITOUS = /^\s*the system shall\b/i;

function requirementsRules(stage: number, data: RequirementsData): ValidationMessage[] {
  const messages = [
    ...requireItems(stage, data.requirements, "requirements", "Requirements defines no requirements; add at least one."),
    ...duplicateIds(stage, "requirements", indexed(data.requirements)),
    ...duplicateIds(stage, "nonFunctional", indexed(data.nonFunctional)),
  ];
  data.requirements.forEach((requirement, index) => {
    if (requirement.acceptance.length === 0) {
      messages.push(
        warning(
          stage,
          "missing_acceptance",
          `Requirement ${requirement.id} has no acceptance criteria, so nothing can check that it is done.`,
          toPointer(["requirements", index, "acceptance"]),
        ),
      );
    }
    requirement.acceptance.forEach((criterion, criterionIndex) => {
      if (EARS_TRIGGERED.test(criterion) || EARS_UBIQUITOUS.test(criterion)) return;
      messages.push(
        warning(
          stage,
          "acceptance_not_ears",
          `Requirement ${requirement.id}: acceptance criterion ${criterionIndex + 1} is not in EARS form ("WHEN <trigger>, THE SYSTEM SHALL <response>"): "${criterion}".`,
          toPointer(["requirements", index, "acceptance", criterionIndex]),
        ),
      );
    });
  });
  return messages;
}

function scopeRules(stage: number, data: ScopeData): ValidationMessage[] {
  return [
    ...requireItems(stage, data.milestones, "milestones", "Scope & Milestones defines no milestones; add at least one."),
    ...duplicateIds(stage, "milestones", indexed(data.milestones)),
  ];
}

function tasksRules(stage: number, data: TasksData): ValidationMessage[] {
  const messages = [
    ...requireItems(stage, data.tasks, "tasks", "Implementation Plan defines no tasks; add at least one."),
    ...duplicateIds(stage, "tasks", indexed(data.tasks)),
  ];
  const indexById = new Map<string, number>();
  data.tasks.forEach((task, index) => {
    if (!indexById.has(task.id)) indexById.set(task.id, index);
  });

  const edges = new Map<string, string[]>();
  data.tasks.forEach((task, index) => {
    const known = edges.get(task.id) ?? [];
    task.dependsOn.forEach((dependency, dependencyIndex) => {
      if (indexById.has(dependency)) {
        known.push(dependency);
        return;
      }
      messages.push(
        error(
          stage,
          "unknown_dependency",
          `Task ${task.id} depends on ${dependency}, which is not defined in this plan.`,
          toPointer(["tasks", index, "dependsOn", dependencyIndex]),
        ),
      );
    });
    edges.set(task.id, known);
  });

  for (const cycle of findCycles([...indexById.keys()], edges)) {
    messages.push(
      error(
        stage,
        "dependency_cycle",
        `Tasks depend on each other in a cycle: ${cycle.join(" → ")}. Remove one of these dependencies so the plan has an order.`,
        toPointer(["tasks", indexById.get(cycle[0]!) ?? 0, "dependsOn"]),
      ),
    );
  }
  return messages;
}

function requireItems(stage: number, items: readonly unknown[], collection: string, message: string): ValidationMessage[] {
  return items.length === 0 ? [error(stage, "empty", message, toPointer([collection]))] : [];
}

function indexed<T extends { id: string }>(items: readonly T[]): { id: string; index: number }[] {
  return items.map((item, index) => ({ id: item.id, index }));
}

/** `entries` carry their index in the collection because scenarios given as plain strings have no id to compare. */
function duplicateIds(
  stage: number,
  collection: string,
  entries: readonly { id?: string; index: number }[],
): ValidationMessage[] {
  const kind = itemKinds[collection] ?? collection;
  const firstIndex = new Map<string, number>();
  const messages: ValidationMessage[] = [];
  for (const { id, index } of entries) {
    if (id === undefined) continue;
    const first = firstIndex.get(id);
    if (first === undefined) {
      firstIndex.set(id, index);
      continue;
    }
    messages.push(
      error(
        stage,
        "duplicate_id",
        `${kind} id ${id} is used more than once (entries ${first + 1} and ${index + 1} of ${collection}); ids must be unique.`,
        toPointer([collection, index, "id"]),
      ),
    );
  }
  return messages;
}

/** Every cycle closed by a back edge, each as "a → b → a"; iterative so long chains cannot overflow the stack. */
function findCycles(ids: readonly string[], edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const done = new Set<string>();
  const cycles: string[][] = [];
  for (const start of ids) {
    if (done.has(start)) continue;
    const stack = [{ id: start, next: 0 }];
    const depthOf = new Map([[start, 0]]);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const target = edges.get(frame.id)?.[frame.next];
      if (target === undefined) {
        done.add(frame.id);
        depthOf.delete(frame.id);
        stack.pop();
        continue;
      }
      frame.next++;
      const depth = depthOf.get(target);
      if (depth !== undefined) {
        cycles.push([...stack.slice(depth).map((entry) => entry.id), target]);
      } else if (!done.has(target)) {
        depthOf.set(target, stack.length);
        stack.push({ id: target, next: 0 });
      }
    }
  }
  return cycles;
}
