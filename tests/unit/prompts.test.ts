// Prompt building: versioned names, the format rules, upstream stages and notes, the repair prompt, code-fence stripping.
import { describe, expect, it } from "vitest";
import { buildRepairPrompt, buildStagePrompt, extractDocument } from "@/lib/ai/prompts";
import { stageByNumber } from "@/lib/stages";

const requirements = stageByNumber(3)!;

describe("stage prompts", () => {
  const prompt = buildStagePrompt({
    stage: requirements,
    label: "Requirements",
    variant: undefined,
    defaults: { questions: ["What must a new user do first?"], promptHints: "Use EARS.", skeleton: "{}" },
    project: { name: "Tandem", description: "Team to-dos" },
    userInput: "Small teams only.",
    upstream: [{ number: 1, label: "Vision & Problem", format: "md", content: "## Problem\nLost tasks." }],
  });

  it("has a versioned name and asks for JSON in the stage's shape", () => {
    expect(prompt.name).toBe("stage.requirements.v1");
    expect(prompt.json).toBe(true);
    expect(prompt.system).toContain('"id":"REQ-001"');
    expect(prompt.system).toContain("Use EARS.");
  });

  it("carries the earlier stages, the guiding questions and the author's notes", () => {
    expect(prompt.prompt).toContain("### Stage 1: Vision & Problem (md)");
    expect(prompt.prompt).toContain("Lost tasks.");
    expect(prompt.prompt).toContain("- What must a new user do first?");
    expect(prompt.prompt).toContain("Small teams only.");
  });

  it("builds one repair prompt listing only the errors", () => {
    const repair = buildRepairPrompt(prompt, requirements, '{"requirements": []}', [
      { level: "error", stage: 3, code: "empty", message: "Add at least one requirement.", path: "/requirements" },
      { level: "warning", stage: 3, code: "acceptance_not_ears", message: "Not EARS.", path: "" },
    ]);
    expect(repair.name).toBe("stage.requirements.repair.v1");
    expect(repair.prompt).toContain("- Add at least one requirement. (at /requirements)");
    expect(repair.prompt).not.toContain("Not EARS.");
  });

  it("strips a code fence around the whole answer, and only that", () => {
    expect(extractDocument("```json\n{\"a\": 1}\n```")).toBe('{"a": 1}\n');
    expect(extractDocument("## Problem\n\n```sql\nselect 1;\n```\n\nMore.")).toBe("## Problem\n\n```sql\nselect 1;\n```\n\nMore.\n");
  });
});
