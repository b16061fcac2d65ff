// Stage pictures: mermaid sources for the ER diagram and task graph, endpoint grouping, and Markdown showing raw HTML as text.
import { fromMarkdown } from "mdast-util-from-markdown";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MarkdownPreview } from "@/app/(app)/projects/[slug]/stages/[number]/_pictures/markdown-preview";
import {
  coverageSummary,
  erDiagramSource,
  groupEndpoints,
  htmlAsText,
  taskGraphSource,
} from "@/app/(app)/projects/[slug]/stages/[number]/_pictures/sources";
import {
  validateStageOutput,
  type OpenApiData,
  type SqlData,
  type TasksData,
} from "@/lib/stages/validators";
import { readStageFixture } from "@/seeds/demo/load";

async function parsed<T>(stageNumber: 6 | 7 | 9): Promise<T> {
  const { data } = await validateStageOutput({ stageNumber, content: readStageFixture(stageNumber) });
  expect(data).not.toBeNull();
  return data as T;
}

/** Mermaid's own parser: the ER grammar needs no DOM, so it checks that the generated source is really drawable. */
async function expectMermaidParses(source: string) {
  const { default: mermaid } = await import("mermaid");
  await expect(mermaid.parse(source)).resolves.toMatchObject({ diagramType: "er" });
}

function relationshipLines(source: string): string[] {
  return source.split("\n").filter((line) => line.includes("--o{"));
}

type Task = TasksData["tasks"][number];
const task = (id: string, milestone: string, dependsOn: string[] = [], title = `Task ${id}`): Task => ({
  id,
  title,
  description: "Do it.",
  dependsOn,
  requirementIds: [],
  milestone,
  estimate: "S",
  acceptance: ["Done."],
});

describe("erDiagramSource", () => {
  it("draws every table of the demo data model with PK/FK markers and one relationship per foreign key", async () => {
    const data = await parsed<SqlData>(6);
    const source = erDiagramSource(data);

    expect(source.startsWith("erDiagram\n")).toBe(true);
    for (const table of data.tables) expect(source).toContain(`\n  ${table} {\n`);
    expect(source).toMatch(/^ {4}uuid id PK$/m);
    expect(source).toMatch(/^ {4}uuid workspace_id FK$/m);
    const foreignKeys = data.entities.flatMap((entity) => entity.foreignKeys.map((key) => ({ child: entity.name, key })));
    expect(foreignKeys.length).toBeGreaterThan(0);
    expect(relationshipLines(source)).toHaveLength(foreignKeys.length);
    for (const { child, key } of foreignKeys) {
      expect(source).toMatch(new RegExp(`^  ${key.table} (\\|\\||\\|o)--o\\{ ${child} : "${key.columns.join(", ")}"$`, "m"));
    }
    await expectMermaidParses(source);
  });

  it("sanitizes table, column and type names that mermaid cannot read as they are", async () => {
    const data: SqlData = {
      tables: ["products", "Order Items", "end"],
      entities: [
        {
          name: "products",
          columns: [{ name: "id", type: "bigint", nullable: false, primaryKey: true }],
          primaryKey: ["id"],
          foreignKeys: [],
        },
        {
          name: "Order Items",
          columns: [
            { name: "pk", type: "integer", nullable: false, primaryKey: true },
            { name: "product id", type: "bigint", nullable: false, primaryKey: false },
            { name: "note", type: "varchar(255)", nullable: true, primaryKey: false },
            { name: "price", type: "numeric(10,2)", nullable: true, primaryKey: false },
            { name: "tags", type: "text[]", nullable: true, primaryKey: false },
            { name: "seen_at", type: "double precision", nullable: true, primaryKey: false },
          ],
          primaryKey: ["pk"],
          foreignKeys: [{ columns: ["product id"], table: "products", refColumns: ["id"] }],
        },
        {
          name: "end",
          columns: [
            { name: "id", type: "uuid", nullable: false, primaryKey: true },
            { name: "item", type: "integer", nullable: true, primaryKey: false },
          ],
          primaryKey: ["id"],
          foreignKeys: [
            { columns: ["item"], table: "Order Items", refColumns: ["pk"] },
            { columns: ["id"], table: "missing_table", refColumns: ["id"] },
          ],
        },
      ],
    };
    const source = erDiagramSource(data);

    expect(source).toContain(`  Order_Items["Order Items"] {`);
    expect(source).toContain(`    integer _pk PK "pk"`);
    expect(source).toContain(`    bigint product_id FK "product id"`);
    expect(source).toContain("    varchar_255 note\n");
    expect(source).toContain("    numeric_10_2 price\n");
    expect(source).toContain("    text_array tags\n");
    expect(source).toContain("    double_precision seen_at\n");
    expect(source).toContain(`  _end["end"] {`);
    expect(relationshipLines(source)).toEqual([
      `  products ||--o{ Order_Items : "product id"`,
      `  Order_Items |o--o{ _end : "item"`,
    ]);
    expect(source).not.toMatch(/varchar\(|\[\]|Order Items \{/);
    await expectMermaidParses(source);
  });

  it("keeps two names that sanitize alike apart and escapes quotes in displayed names", () => {
    const entity = (name: string) => ({ name, columns: [], primaryKey: [], foreignKeys: [] });
    const source = erDiagramSource({ tables: [], entities: [entity("a b"), entity("a_b"), entity('say "hi"')] });
    expect(source).toContain(`  a_b["a b"] {`);
    expect(source).toContain(`  a_b_2["a_b"] {`);
    expect(source).toContain(`  say_hi_["say #quot;hi#quot;"] {`);
  });
});

describe("taskGraphSource", () => {
  it("puts each milestone's tasks in a subgraph and draws one edge per dependency", async () => {
    const data = await parsed<TasksData>(9);
    const source = taskGraphSource(data);

    expect(source.startsWith("flowchart LR\n")).toBe(true);
    const milestones = new Set(data.tasks.map((item) => item.milestone));
    expect(source.match(/^ {2}subgraph /gm)).toHaveLength(milestones.size);
    for (const milestone of milestones) expect(source).toContain(`  subgraph milestone_${milestone}["${milestone}"]`);
    for (const item of data.tasks) {
      expect(source).toContain(`    ${item.id.replace("-", "_")}["${item.id} ${item.title}"]`);
    }
    const dependencies = data.tasks.flatMap((item) => item.dependsOn.map((dependency) => [dependency, item.id] as const));
    expect(source.match(/-->/g)).toHaveLength(dependencies.length);
    for (const [from, to] of dependencies) expect(source).toContain(`  ${from.replace("-", "_")} --> ${to.replace("-", "_")}`);
  });

  it("escapes quotes and markup in labels and skips dependencies on unknown tasks", () => {
    const source = taskGraphSource({
      tasks: [
        task("T-001", "M1", [], 'Say "hi" to <script>alert(1)</script> #1'),
        task("T-002", "M2", ["T-001", "T-404"]),
        task("T-003", "", ["T-001"]),
      ],
    });

    expect(source).toContain(`    T_001["T-001 Say #quot;hi#quot; to #lt;script#gt;alert(1)#lt;/script#gt; #35;1"]`);
    expect(source).toContain(`  subgraph milestone_No_milestone["No milestone"]`);
    expect(source.match(/-->/g)).toHaveLength(2);
    expect(source).not.toContain("T_404");
    // Every label is one quoted string: the only double quotes are the ones that open and close it.
    for (const line of source.split("\n").filter((text) => text.includes("["))) {
      expect(line.match(/"/g)).toHaveLength(2);
    }
  });
});

describe("coverageSummary", () => {
  it("states covered of total must/should requirements with the percentage", () => {
    expect(coverageSummary({ covered: 5, total: 6, percent: 83 })).toBe(
      "Requirement coverage: 5 of 6 must/should requirements (83%)",
    );
    expect(coverageSummary({ covered: 0, total: 0, percent: 0 })).toMatch(/no must\/should requirements/);
  });
});

describe("groupEndpoints", () => {
  it("groups the demo API by tag in order of first use", async () => {
    const data = await parsed<OpenApiData>(7);
    const groups = groupEndpoints(data);
    expect(groups.map((group) => group.tag)).toEqual(["workspaces", "tasks", "comments"]);
    expect(groups.flatMap((group) => group.operations)).toHaveLength(data.operations.length);
  });

  it("lists untagged operations last under Other and multi-tagged ones under each tag", () => {
    const operation = (method: string, path: string, tags: string[]) => ({ method, path, tags });
    const groups = groupEndpoints({
      openapi: "3.1.0",
      title: "Shop",
      schemas: [],
      entities: [],
      operations: [
        operation("GET", "/health", []),
        operation("GET", "/orders", ["orders"]),
        operation("POST", "/orders/{id}/refund", ["orders", "payments"]),
        operation("DELETE", "/cache", ["  "]),
      ],
    });
    expect(groups.map((group) => [group.tag, group.operations.map((item) => `${item.method} ${item.path}`)])).toEqual([
      ["orders", ["GET /orders", "POST /orders/{id}/refund"]],
      ["payments", ["POST /orders/{id}/refund"]],
      ["Other", ["GET /health", "DELETE /cache"]],
    ]);
  });
});

describe("htmlAsText", () => {
  it("turns block and inline HTML nodes into text", () => {
    const tree = fromMarkdown("<script>alert(1)</script>\n\nHello <b>there</b>");
    htmlAsText()(tree);
    expect(JSON.stringify(tree)).not.toContain('"type":"html"');
    expect(tree.children[0]).toMatchObject({
      type: "paragraph",
      children: [{ type: "text", value: "<script>alert(1)</script>" }],
    });
  });

  it("shows a <script> in Markdown as literal text in the preview", () => {
    const html = renderToStaticMarkup(
      createElement(MarkdownPreview, { content: "# Vision\n\n<script>alert(1)</script>\n\nUse <img src=x onerror=alert(1)> here" }),
    );
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toMatch(/<h1[^>]*>Vision<\/h1>/);
  });
});
