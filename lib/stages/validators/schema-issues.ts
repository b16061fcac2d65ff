import type { z } from "zod";
import { error, toPointer, type PathSegment, type ValidationMessage } from "./messages";

/** Singular nouns for the collections, so messages can say "Requirement REQ-003" instead of "requirements[2]". */
export const itemKinds: Record<string, string> = {
  personas: "Persona",
  scenarios: "Scenario",
  requirements: "Requirement",
  nonFunctional: "Non-functional requirement",
  milestones: "Milestone",
  risks: "Risk",
  tasks: "Task",
  commands: "Command",
};

/** Turns a zod issue into a message a person can act on, naming the item by its id and the field by its path. */
export function issueMessage(stage: number, issue: z.core.$ZodIssue, root: unknown): ValidationMessage {
  const path = issue.path.filter((segment): segment is PathSegment => typeof segment !== "symbol");
  const { subject, field } = describeLocation(path, root);
  const prefix = subject === null ? (field ? `"${field}"` : "The output") : field ? `${subject}: "${field}"` : subject;
  const pointer = toPointer(path);
  const key = path.at(-1);
  const parent = valueAt(root, path.slice(0, -1));

  if (issue.code === "invalid_type") {
    const isMissing = key !== undefined && isRecord(parent) && !Object.hasOwn(parent, String(key));
    if (isMissing) return error(stage, "missing_field", `${prefix} is missing.`, pointer);
    const actual = describeType(valueAt(root, path));
    return error(stage, "invalid_type", `${prefix} must be ${withArticle(issue.expected)}, not ${actual}.`, pointer);
  }
  if (issue.code === "invalid_value") {
    const allowed = issue.values.map(String).join(", ");
    const actual = JSON.stringify(valueAt(root, path));
    return error(stage, "invalid_value", `${prefix} must be one of ${allowed} (got ${actual}).`, pointer);
  }
  if (issue.code === "invalid_format" && key === "id") {
    const actual = JSON.stringify(valueAt(root, path));
    return error(stage, "invalid_id", `${prefix} ${issue.message} (got ${actual}).`, pointer);
  }
  return error(stage, "schema_violation", `${prefix} ${issue.message}.`, pointer);
}

/** "Requirement REQ-003" + "acceptance[1]" for ["requirements", 2, "acceptance", 1]; no subject outside a known collection. */
function describeLocation(path: readonly PathSegment[], root: unknown): { subject: string | null; field: string } {
  const [collection, index, ...rest] = path;
  const kind = typeof collection === "string" ? itemKinds[collection] : undefined;
  if (collection === undefined || kind === undefined || typeof index !== "number") return { subject: null, field: fieldPath(path) };
  const item = valueAt(root, [collection, index]);
  const label = isRecord(item) ? [item.id, item.name].find((value) => typeof value === "string" && value.trim() !== "") : undefined;
  return { subject: typeof label === "string" ? `${kind} ${label}` : `${kind} #${index + 1}`, field: fieldPath(rest) };
}

function fieldPath(path: readonly PathSegment[]): string {
  return path.map((segment, i) => (typeof segment === "number" ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join("");
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let current = root;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === "number") current = current[segment];
    else if (isRecord(current)) current = current[String(segment)];
    else return undefined;
  }
  return current;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return withArticle(typeof value);
}

function withArticle(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}
