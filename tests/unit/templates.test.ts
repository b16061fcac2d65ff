// Built-in templates (seeds/templates/*.yaml): schema, category, and every stage skeleton parsing for its stage's format.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it, expect } from "vitest";
import { parse as parseYaml } from "yaml";
import { parse as parseSql } from "libpg-query";
import { validate as validateOpenApi } from "@readme/openapi-parser";
import { templateFileSchema, type TemplateFile } from "../../lib/templates/schema";
import { stageDefinitions } from "../../lib/stages/definitions";
import { validateStageOutput } from "../../lib/stages/validators";

const TEMPLATES_DIR = fileURLToPath(new URL("../../seeds/templates", import.meta.url));
const CATEGORIES = ["saas", "api", "landing", "mobile", "cli", "fullstack", "other"] as const;

/**
 * Codes a skeleton must never earn from the stage validators: it must parse and have the right structure.
 * Skeletons may still carry "must not be empty" errors on the fields the user is meant to fill in.
 */
const PARSE_AND_STRUCTURE_CODES = new Set([
  "empty_output",
  "invalid_json",
  "sql_syntax",
  "yaml_syntax",
  "openapi_version",
  "openapi_invalid",
  "missing_section",
  "empty_section",
  "missing_primary_key",
  "unknown_fk_table",
  "acceptance_not_ears",
]);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function loadTemplate(category: string): TemplateFile {
  const raw: unknown = parseYaml(readFileSync(path.join(TEMPLATES_DIR, `${category}.yaml`), "utf8"));
  return templateFileSchema.parse(raw);
}

/** `## Heading` lines and whether some non-blank line follows each before the next heading. */
function markdownSections(md: string): Map<string, boolean> {
  const sections = new Map<string, boolean>();
  let current: string | undefined;
  for (const line of md.split("\n")) {
    const heading = /^##\s+(.+?)\s*$/.exec(line);
    if (heading) {
      current = heading[1]!;
      sections.set(current, false);
    } else if (current && line.trim() !== "") {
      sections.set(current, true);
    }
  }
  return sections;
}

/** Every object node in a parsed JSON tree (the libpg-query AST is plain JSON). */
function* walk(node: Json): Generator<{ [key: string]: Json }> {
  if (Array.isArray(node)) {
    for (const child of node) yield* walk(child);
  } else if (node && typeof node === "object") {
    yield node;
    for (const child of Object.values(node)) yield* walk(child);
  }
}

/** Tables created by a DDL script, whether each has a primary key, and the tables its foreign keys reference. */
async function ddlSummary(sql: string) {
  const ast = (await parseSql(sql)) as Json;
  const tables = new Map<string, boolean>();
  const references: string[] = [];
  for (const node of walk(ast)) {
    const create = node.CreateStmt as { relation?: { relname?: string } } | undefined;
    if (!create?.relation?.relname) continue;
    let hasPrimaryKey = false;
    for (const inner of walk(create as Json)) {
      const constraint = inner.Constraint as { contype?: string; pktable?: { relname?: string } } | undefined;
      if (constraint?.contype === "CONSTR_PRIMARY") hasPrimaryKey = true;
      if (constraint?.contype === "CONSTR_FOREIGN" && constraint.pktable?.relname) {
        references.push(constraint.pktable.relname);
      }
    }
    tables.set(create.relation.relname, hasPrimaryKey);
  }
  return { tables, references };
}

describe("seeds/templates", () => {
  it("holds exactly the seven built-in templates", () => {
    const files = readdirSync(TEMPLATES_DIR)
      .filter((file) => file.endsWith(".yaml"))
      .sort();
    expect(files).toEqual(CATEGORIES.map((category) => `${category}.yaml`).sort());
  });
});

describe.each(CATEGORIES)("template %s", (category) => {
  const template = loadTemplate(category);

  it("passes templateFileSchema and its category equals its file name", () => {
    expect(template.category).toBe(category);
    expect(Object.keys(template.stages).sort()).toEqual(stageDefinitions.map((stage) => stage.name).sort());
  });

  it("asks for EARS acceptance criteria in the requirements hints", () => {
    expect(template.stages.requirements.promptHints).toMatch(/WHEN\b.*THE SYSTEM SHALL/s);
  });

  describe.each(stageDefinitions.map((stage) => [stage.name, stage] as const))("stage %s", (_name, stage) => {
    const { skeleton } = template.stages[stage.name];

    if (stage.format === "md") {
      it("has every required section, each with a placeholder", () => {
        const sections = markdownSections(skeleton);
        for (const section of stage.sections) {
          expect(sections.get(section), `## ${section}`).toBe(true);
        }
      });
    }

    if (stage.format === "json") {
      it("is valid JSON pretty-printed with two spaces", () => {
        const data: unknown = JSON.parse(skeleton);
        expect(JSON.stringify(data, null, 2)).toBe(skeleton.trimEnd());
      });
    }

    if (stage.format === "sql") {
      it("parses with PostgreSQL's parser; every table has a primary key and foreign keys resolve", async () => {
        const { tables, references } = await ddlSummary(skeleton);
        expect(tables.size).toBeGreaterThanOrEqual(1);
        expect(tables.size).toBeLessThanOrEqual(3);
        for (const [table, hasPrimaryKey] of tables) expect(hasPrimaryKey, table).toBe(true);
        for (const table of references) expect(tables.has(table), `references ${table}`).toBe(true);
      });
    }

    if (stage.format === "yaml" && category === "cli") {
      it("is a YAML command spec with a commands array", () => {
        const spec = parseYaml(skeleton) as Record<string, unknown>;
        expect(typeof spec.name).toBe("string");
        expect(typeof spec.description).toBe("string");
        expect(spec.version).toBeDefined();
        expect(Array.isArray(spec.commands)).toBe(true);
        for (const command of spec.commands as Record<string, unknown>[]) {
          expect(typeof command.name).toBe("string");
          expect(Array.isArray(command.args)).toBe(true);
          expect(Array.isArray(command.options)).toBe(true);
          expect(Array.isArray(command.examples)).toBe(true);
        }
      });
    }

    if (stage.format === "yaml" && category !== "cli") {
      it("is OpenAPI 3.x YAML with paths that passes the OpenAPI validator", async () => {
        const doc = parseYaml(skeleton) as Record<string, unknown>;
        expect(String(doc.openapi)).toMatch(/^3\./);
        expect(doc.paths).toHaveProperty(["/health", "get", "responses", "200"]);
        const result = await validateOpenApi(structuredClone(doc) as never);
        expect(result.valid, JSON.stringify(result)).toBe(true);
      });
    }
  });

  it.each(stageDefinitions.map((stage) => [stage.name, stage] as const))(
    "stage %s skeleton passes the stage validator's parse and structure checks",
    async (_name, stage) => {
      const { messages, data } = await validateStageOutput({
        stageNumber: stage.number,
        content: template.stages[stage.name].skeleton,
        variant: category === "cli" ? "cli" : undefined,
      });
      expect(messages.filter((message) => PARSE_AND_STRUCTURE_CODES.has(message.code))).toEqual([]);
      // JSON stages return data only once every field is filled in; the other formats return it as soon as they parse.
      if (stage.format !== "json") expect(data).not.toBeNull();
    },
  );

  it("skeleton ids cross-reference within the template", () => {
    const users = JSON.parse(template.stages.users.skeleton) as { personas: { id: string }[] };
    const requirements = JSON.parse(template.stages.requirements.skeleton) as {
      requirements: { id: string; acceptance: string[]; personas: string[] }[];
    };
    const scope = JSON.parse(template.stages.scope.skeleton) as { milestones: { id: string; requirementIds: string[] }[] };
    const tasks = JSON.parse(template.stages.tasks.skeleton) as {
      tasks: { id: string; dependsOn: string[]; requirementIds: string[]; milestone: string }[];
    };
    const personaIds = new Set(users.personas.map((persona) => persona.id));
    const requirementIds = new Set(requirements.requirements.map((requirement) => requirement.id));
    const milestoneIds = new Set(scope.milestones.map((milestone) => milestone.id));
    const taskIds = new Set(tasks.tasks.map((task) => task.id));

    for (const requirement of requirements.requirements) {
      for (const persona of requirement.personas) expect(personaIds).toContain(persona);
      for (const criterion of requirement.acceptance) expect(criterion).toMatch(/^WHEN .+ THE SYSTEM SHALL/);
    }
    for (const milestone of scope.milestones) {
      for (const id of milestone.requirementIds) expect(requirementIds).toContain(id);
    }
    for (const task of tasks.tasks) {
      expect(milestoneIds).toContain(task.milestone);
      for (const id of task.requirementIds) expect(requirementIds).toContain(id);
      for (const id of task.dependsOn) expect(taskIds).toContain(id);
    }
  });
});
