import { and, eq, sql } from "drizzle-orm";
import { parse as parseYaml } from "yaml";
import type { DbOrTx } from "../db/client";
import { stageOutputs, stages, type OutputFormat } from "../db/schema";

/** One searchable piece of an active output: a Markdown section, a JSON array item, an SQL statement, an OpenAPI path. */
type SearchDocument = { stage: number; path: string; body: string };

export type SearchHit = { stage: number; stageLabel: string; path: string; snippet: string };

const pointer = (segments: (string | number)[]) => segments.map((segment) => "/" + String(segment).replaceAll("~", "~0").replaceAll("/", "~1")).join("");

/** Keys and string leaves, so property names (column, schema, field names) are searchable too. */
function flatten(value: unknown, keys: boolean): string[] {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return [String(value)];
  if (Array.isArray(value)) return value.flatMap((item) => flatten(item, keys));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => [...(keys ? [key] : []), ...flatten(item, keys)]);
  return [];
}

/** Splits a structured document at its first two levels: arrays by item, objects by key. */
function structuredDocuments(stage: number, root: unknown, keys: boolean): SearchDocument[] {
  if (!root || typeof root !== "object" || Array.isArray(root)) return [{ stage, path: "", body: flatten(root, keys).join("\n") }];
  return Object.entries(root).flatMap(([key, value]) => {
    const parts = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : value && typeof value === "object" ? Object.entries(value) : [];
    if (parts.length === 0) return [{ stage, path: pointer([key]), body: [key, ...flatten(value, keys)].join("\n") }];
    return parts.map(([part, item]) => ({ stage, path: pointer([key, part]), body: [typeof part === "string" ? part : "", ...flatten(item, keys)].join("\n") }));
  });
}

function markdownDocuments(stage: number, content: string): SearchDocument[] {
  const documents: SearchDocument[] = [];
  let current: SearchDocument = { stage, path: "", body: "" };
  for (const line of content.split("\n")) {
    const heading = /^#{1,6}\s+(.+?)\s*#*$/.exec(line);
    if (heading) {
      if (current.body.trim()) documents.push(current);
      current = { stage, path: `#${heading[1]}`, body: "" };
    }
    current.body += line + "\n";
  }
  if (current.body.trim()) documents.push(current);
  return documents;
}

function sqlDocuments(stage: number, content: string): SearchDocument[] {
  return content
    .split(/;\s*(?:\n|$)/)
    .filter((statement) => statement.trim())
    .map((statement, index) => {
      const table = /create\s+(?:table|type|index|unique\s+index)\s+(?:if\s+not\s+exists\s+)?("?[\w.]+"?)/i.exec(statement);
      return { stage, path: table ? table[1]!.replaceAll('"', "") : `statement ${index + 1}`, body: statement.trim() };
    });
}

function parseOrNull(parse: () => unknown): unknown {
  try {
    return parse();
  } catch {
    return null;
  }
}

export function searchDocuments(stage: number, format: OutputFormat, content: string): SearchDocument[] {
  switch (format) {
    case "md":
      return markdownDocuments(stage, content);
    case "sql":
      return sqlDocuments(stage, content);
    case "json":
      return structuredDocuments(stage, parseOrNull(() => JSON.parse(content)) ?? content, false);
    case "yaml":
      return structuredDocuments(stage, parseOrNull(() => parseYaml(content)) ?? content, true);
  }
}

/**
 * Full-text search (PostgreSQL's english configuration, web-search syntax) over the active output of every stage.
 * Outputs are split into pieces first, so each hit can say where in its stage it was found.
 */
export async function searchSpec(db: DbOrTx, projectId: string, query: string, limit: number): Promise<SearchHit[]> {
  const outputs = await db
    .select({ stage: stages.stageNumber, label: stages.stageLabel, format: stageOutputs.format, content: stageOutputs.content })
    .from(stageOutputs)
    .innerJoin(stages, eq(stages.id, stageOutputs.stageId))
    .where(and(eq(stages.projectId, projectId), eq(stageOutputs.isActive, true)));
  const documents = outputs.flatMap((output) => searchDocuments(output.stage, output.format, output.content));
  if (documents.length === 0) return [];
  const labels = new Map(outputs.map((output) => [output.stage, output.label]));
  const rows = await db.execute<{ stage: number; path: string; snippet: string }>(sql`
    select d.stage, d.path,
      ts_headline('english', d.body, q, 'MaxWords=30, MinWords=10, MaxFragments=2, FragmentDelimiter=" … ", StartSel=**, StopSel=**') as snippet
    from jsonb_to_recordset(${JSON.stringify(documents)}::jsonb) as d(stage int, path text, body text),
      websearch_to_tsquery('english', ${query}) as q
    where to_tsvector('english', d.body) @@ q
    order by ts_rank(to_tsvector('english', d.body), q) desc, d.stage, d.path
    limit ${limit}`);
  return rows.map((row) => ({ stage: row.stage, stageLabel: labels.get(row.stage) ?? "", path: row.path, snippet: row.snippet }));
}
