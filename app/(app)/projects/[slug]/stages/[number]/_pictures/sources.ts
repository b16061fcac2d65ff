import type { Nodes, Paragraph, Root, Text } from "mdast";
import type { ApiOperation, OpenApiData, RequirementCoverage, SqlData, SqlEntity, TasksData } from "@/lib/stages/validators";

// Pure builders behind the stage pictures: no React and no "use client", so unit tests run them in plain Node.

/**
 * Words the mermaid lexers read as keywords wherever an identifier may stand (compared case-insensitively: the ER lexer is).
 * An identifier equal to one of them, or starting with a digit, gets a leading underscore.
 */
const ER_KEYWORDS = [
  "accdescr", "acctitle", "class", "classdef", "direction", "end", "erdiagram", "many", "one", "only", "optionally", "style",
  "subgraph", "to", "zero",
];
const ER_ATTRIBUTE_KEYWORDS = ["pk", "fk", "uk"];
const FLOWCHART_KEYWORDS = [
  "accdescr", "acctitle", "bt", "call", "class", "classdef", "click", "default", "direction", "end", "flowchart", "graph",
  "href", "interpolate", "linkstyle", "lr", "rl", "style", "subgraph", "tb", "td",
];

/** Letters, digits and `_` only; accents dropped ("café" → "cafe"), every other run of characters becomes one `_`. */
export function sanitizeIdentifier(value: string, keywords: readonly string[] = []): string {
  const plain = value
    .trim()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9_]+/g, "_");
  const trimmed = plain === "_" ? "" : plain;
  if (trimmed === "") return "unnamed";
  return /^[0-9]/.test(trimmed) || keywords.includes(trimmed.toLowerCase()) ? `_${trimmed}` : trimmed;
}

/** A column type as one mermaid word: `varchar(255)` → `varchar_255`, `double precision` → `double_precision`, `text[]` → `text_array`. */
export function sanitizeType(type: string): string {
  const words = type.replace(/\[\]/g, " array").replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  return words === "" ? "unknown" : sanitizeIdentifier(words, ER_ATTRIBUTE_KEYWORDS);
}

/**
 * Text for a quoted mermaid string. Mermaid turns `#name;` and `#123;` into HTML entities before parsing, so the characters
 * that would end the string, start a comment or become markup are written that way; `#` itself goes first.
 */
export function escapeMermaidText(value: string): string {
  return value
    .replace(/[\u0000-\u001f\u007f\s]+/g, " ")
    .trim()
    .replace(/#/g, "#35;")
    .replace(/"/g, "#quot;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;")
    .replace(/%/g, "#37;")
    .replace(/\\/g, "#92;")
    .replace(/`/g, "#96;");
}

/** Hands out one identifier per distinct name, adding `_2`, `_3`… when two names sanitize to the same thing. */
function identifiers(keywords: readonly string[]): (name: string) => string {
  const byName = new Map<string, string>();
  const taken = new Set<string>();
  return (name) => {
    const known = byName.get(name);
    if (known !== undefined) return known;
    const base = sanitizeIdentifier(name, keywords);
    let id = base;
    for (let suffix = 2; taken.has(id.toLowerCase()); suffix++) id = `${base}_${suffix}`;
    taken.add(id.toLowerCase());
    byName.set(name, id);
    return id;
  };
}

/**
 * Mermaid `erDiagram` source for a parsed data model: one block per table with `type name PK, FK` rows, and one
 * relationship per foreign key from the referenced table to the owning one, labelled with the foreign key's columns.
 * A table whose name had to change keeps its real name as the displayed alias. Foreign keys to tables the script never
 * creates are left out (the validator reports them); a key with a nullable column is drawn as optional (`|o`).
 */
export function erDiagramSource(data: SqlData): string {
  const entityId = identifiers(ER_KEYWORDS);
  const known = new Map(data.entities.map((entity) => [entity.name, entityId(entity.name)]));
  const lines = ["erDiagram"];

  for (const entity of data.entities) {
    const id = known.get(entity.name) ?? entityId(entity.name);
    const alias = id === entity.name ? "" : `["${escapeMermaidText(entity.name)}"]`;
    lines.push(`  ${id}${alias} {`);
    const foreignKeyColumns = new Set(entity.foreignKeys.flatMap((foreignKey) => foreignKey.columns));
    for (const column of entity.columns) {
      const name = sanitizeIdentifier(column.name, ER_ATTRIBUTE_KEYWORDS);
      const keys = [
        ...(column.primaryKey || entity.primaryKey.includes(column.name) ? ["PK"] : []),
        ...(foreignKeyColumns.has(column.name) ? ["FK"] : []),
      ];
      const comment = name === column.name ? "" : ` "${escapeMermaidText(column.name)}"`;
      lines.push(`    ${sanitizeType(column.type)} ${name}${keys.length > 0 ? ` ${keys.join(", ")}` : ""}${comment}`);
    }
    lines.push("  }");
  }

  for (const entity of data.entities) {
    const child = known.get(entity.name);
    for (const foreignKey of entity.foreignKeys) {
      const parent = known.get(foreignKey.table);
      if (child === undefined || parent === undefined) continue;
      const parentSide = isOptional(entity, foreignKey.columns) ? "|o" : "||";
      const label = escapeMermaidText(foreignKey.columns.join(", ")) || "fk";
      lines.push(`  ${parent} ${parentSide}--o{ ${child} : "${label}"`);
    }
  }
  return lines.join("\n");
}

function isOptional(entity: SqlEntity, columns: readonly string[]): boolean {
  return entity.columns.some((column) => columns.includes(column.name) && column.nullable);
}

export const NO_MILESTONE = "No milestone";

type Task = TasksData["tasks"][number];

/** Tasks per milestone, milestones in order of first use; a task without one goes under "No milestone". */
export function tasksByMilestone(tasks: TasksData): Map<string, Task[]> {
  const groups = new Map<string, Task[]>();
  for (const task of tasks.tasks) {
    const milestone = task.milestone.trim() || NO_MILESTONE;
    const group = groups.get(milestone);
    if (group === undefined) groups.set(milestone, [task]);
    else group.push(task);
  }
  return groups;
}

/**
 * Mermaid `flowchart LR` source for a task plan: a `subgraph` per milestone (in order of first use) holding its tasks,
 * labelled "T-001 Title", and an edge from each dependency to the task that needs it. Dependencies on tasks the plan
 * does not define are left out (the validator reports them).
 */
export function taskGraphSource(tasks: TasksData): string {
  const nodeId = identifiers(FLOWCHART_KEYWORDS);
  const taskIds = new Map(tasks.tasks.map((task) => [task.id, nodeId(task.id)]));

  const lines = ["flowchart LR"];
  for (const [milestone, members] of tasksByMilestone(tasks)) {
    lines.push(`  subgraph ${nodeId(`milestone ${milestone}`)}["${escapeMermaidText(milestone)}"]`);
    for (const task of members) {
      lines.push(`    ${taskIds.get(task.id)}["${escapeMermaidText(`${task.id} ${task.title}`)}"]`);
    }
    lines.push("  end");
  }
  for (const task of tasks.tasks) {
    for (const dependency of new Set(task.dependsOn)) {
      const from = taskIds.get(dependency);
      if (from !== undefined) lines.push(`  ${from} --> ${taskIds.get(task.id)}`);
    }
  }
  return lines.join("\n");
}

/** "Requirement coverage: 5 of 6 must/should requirements (83%)". */
export function coverageSummary(coverage: RequirementCoverage): string {
  if (coverage.total === 0) return "Requirement coverage: there are no must/should requirements to cover yet";
  const noun = coverage.total === 1 ? "requirement" : "requirements";
  return `Requirement coverage: ${coverage.covered} of ${coverage.total} must/should ${noun} (${coverage.percent}%)`;
}

export const UNTAGGED = "Other";

export type EndpointGroup = { tag: string; operations: ApiOperation[] };

/**
 * Operations grouped by tag in order of first use, each keeping document order; an operation with several tags is listed
 * under each of them, and untagged ones go last under "Other".
 */
export function groupEndpoints(data: OpenApiData): EndpointGroup[] {
  const groups = new Map<string, ApiOperation[]>();
  const untagged: ApiOperation[] = [];
  for (const operation of data.operations) {
    const tags = [...new Set(operation.tags.map((tag) => tag.trim()).filter((tag) => tag !== ""))];
    if (tags.length === 0) untagged.push(operation);
    for (const tag of tags) {
      const group = groups.get(tag);
      if (group === undefined) groups.set(tag, [operation]);
      else group.push(operation);
    }
  }
  if (untagged.length > 0) groups.set(UNTAGGED, [...(groups.get(UNTAGGED) ?? []), ...untagged]);
  return [...groups].map(([tag, operations]) => ({ tag, operations }));
}

/**
 * Remark plugin: raw HTML in Markdown becomes literal text, so `<script>` in an output reads as "<script>" and never
 * runs or vanishes. react-markdown 10 already escapes raw HTML unless rehype-raw is added; doing it at the Markdown tree
 * keeps that true whatever rehype plugins come later, and gives block-level HTML its own paragraph with its line breaks.
 */
export function htmlAsText() {
  return (tree: Root) => {
    replaceHtml(tree);
  };
}

const BLOCK_PARENTS = new Set<Nodes["type"]>(["root", "blockquote", "listItem", "footnoteDefinition"]);

function replaceHtml(node: Nodes): void {
  if (!("children" in node)) return;
  const block = BLOCK_PARENTS.has(node.type);
  const children: Nodes[] = node.children;
  children.forEach((child, index) => {
    if (child.type !== "html") {
      replaceHtml(child);
      return;
    }
    const text: Text = { type: "text", value: child.value, position: child.position };
    const paragraph: Paragraph = {
      type: "paragraph",
      children: [text],
      position: child.position,
      data: { hProperties: { className: ["whitespace-pre-wrap"] } },
    };
    children[index] = block ? paragraph : text;
  });
}
