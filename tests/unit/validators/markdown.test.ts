// Markdown stage validators (1 vision, 5 architecture, 8 UX): required sections present and non-empty, section data.
import { describe, expect, it } from "vitest";
import { readStageFixture } from "@/seeds/demo/load";
import { validateStageOutput, type MarkdownData, type ValidationMessage } from "@/lib/stages/validators";

async function check(stageNumber: number, content: string) {
  const result = await validateStageOutput({ stageNumber, content });
  return { messages: result.messages, data: result.data as MarkdownData };
}

function codes(messages: ValidationMessage[]): string[][] {
  return messages.map((message) => [message.code, message.path]);
}

const vision = (overrides: Record<string, string | null> = {}) => {
  const sections: Record<string, string | null> = {
    Problem: "Teams lose tasks in chat.",
    "Target users": "Small teams.",
    "Value proposition": "A shared list in two minutes.",
    "Goals & success metrics": "- 10 minutes to first 5 tasks",
    "Non-goals": "- Kanban boards",
    ...overrides,
  };
  return Object.entries(sections)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([title, body]) => `## ${title}\n\n${body}\n`)
    .join("\n");
};

describe("good Markdown fixtures", () => {
  it.each([1, 5, 8] as const)("stage %i passes with no messages", async (stage) => {
    const { messages } = await check(stage, readStageFixture(stage));
    expect(messages).toEqual([]);
  });

  it("keeps each required section's Markdown, subsections included", async () => {
    const { data } = await check(8, readStageFixture(8));
    expect(Object.keys(data.sections)).toEqual(["Screens", "Navigation", "Flows", "States", "Accessibility"]);
    expect(data.sections.Screens).toMatch(/^### Sign up \/ Sign in\n/);
    expect(data.sections.Screens).toContain("### Workspace settings");
    expect(data.sections.Navigation).not.toContain("## Flows");
  });

  it("keeps extra sections at the same level and leaves the document title out", async () => {
    const { data } = await check(1, `# Tandem\n\n${vision()}\n## Open questions\n\nPricing?\n`);
    expect(data.sections["Open questions"]).toBe("Pricing?");
    expect(data.sections).not.toHaveProperty("Tandem");
  });
});

describe("section rules", () => {
  it("reports a missing section by name", async () => {
    const { messages } = await check(1, vision({ "Non-goals": null }));
    expect(messages).toEqual([
      {
        level: "error",
        stage: 1,
        code: "missing_section",
        message: 'Required section "Non-goals" is missing; add a "## Non-goals" heading with its content.',
        path: "Non-goals",
      },
    ]);
  });

  it("treats a section holding only placeholder comments as empty", async () => {
    const { messages, data } = await check(1, vision({ Problem: "<!-- Describe the problem in two paragraphs. -->\n\n<!--\nmore guidance\n-->" }));
    expect(messages).toEqual([
      {
        level: "error",
        stage: 1,
        code: "empty_section",
        message: 'Section "Problem" is empty; write its content under the heading.',
        path: "Problem",
      },
    ]);
    expect(data.sections).not.toHaveProperty("Problem");
  });

  it("treats a heading followed directly by the next heading as empty", async () => {
    const { messages } = await check(1, vision({ "Value proposition": "" }));
    expect(codes(messages)).toEqual([["empty_section", "Value proposition"]]);
  });

  it("matches headings at any level, ignoring case, numbering, emphasis, '&' and trailing punctuation", async () => {
    const content = [
      "### 1. **Problem:**\n\nText.",
      "## TARGET USERS\n\nText.",
      "# Value Proposition.\n\nText.",
      "## Goals and success metrics\n\nText.",
      "## _Non-goals_ ?\n\nText.",
    ].join("\n\n");
    const { messages, data } = await check(1, content);
    expect(messages).toEqual([]);
    expect(data.sections["Goals & success metrics"]).toBe("Text.");
  });

  it("ignores headings inside fenced code blocks", async () => {
    const content = vision({ Problem: "Example:\n\n```md\n## Non-goals\nnot a real heading\n```", "Non-goals": null });
    const { messages } = await check(1, content);
    expect(codes(messages)).toEqual([["missing_section", "Non-goals"]]);
  });

  it("counts a subsection, a code block or an image as content", async () => {
    const subsection = await check(1, vision({ Problem: "### In detail\n\nTeams lose tasks." }));
    const code = await check(1, vision({ Problem: "```mermaid\nflowchart LR\n  A --> B\n```" }));
    const image = await check(1, vision({ Problem: "![Where tasks get lost](lost.png)" }));
    expect([subsection.messages, code.messages, image.messages]).toEqual([[], [], []]);
  });

  it("reports every missing section of the architecture stage", async () => {
    const { messages } = await check(5, "## Overview\n\nOne Next.js app.\n\n## Components\n\n- Web\n");
    expect(codes(messages)).toEqual([
      ["missing_section", "Tech stack"],
      ["missing_section", "Decisions"],
      ["missing_section", "Deployment"],
      ["missing_section", "Security"],
    ]);
    expect(messages.every((message) => message.level === "error" && message.stage === 5)).toBe(true);
  });

  it("keeps headings such as __proto__ as ordinary keys", async () => {
    const { data } = await check(8, "## `__proto__`\n\nx\n\n## constructor\n\ny\n");
    expect(Object.getPrototypeOf(data.sections)).toBe(Object.prototype);
    expect(Object.keys(data.sections)).toEqual(["__proto__", "constructor"]);
  });
});
