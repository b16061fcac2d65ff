// validateStageOutput's shared behaviour: the 1 MB limit, empty output, unknown stages, stage numbers on messages, hasErrors.
import { describe, expect, it } from "vitest";
import { fixtureStages, readStageFixture } from "@/seeds/demo/load";
import { MAX_OUTPUT_BYTES, hasErrors, validateStageOutput, type ValidationMessage } from "@/lib/stages/validators";

describe("validateStageOutput", () => {
  it("rejects output over 1 MB before parsing it", async () => {
    const content = `{"personas": [], "padding": "${"x".repeat(MAX_OUTPUT_BYTES)}"}`;
    const result = await validateStageOutput({ stageNumber: 2, content });
    expect(result).toEqual({
      data: null,
      messages: [
        {
          level: "error",
          stage: 2,
          code: "too_large",
          message: "The output is larger than 1 MB (1,048,576 bytes as UTF-8); shorten it.",
          path: "",
        },
      ],
    });
  });

  it("measures the limit in UTF-8 bytes, not characters", async () => {
    const accents = "é".repeat(MAX_OUTPUT_BYTES / 2);
    const over = await validateStageOutput({ stageNumber: 1, content: `## Problem\n\n${accents}` });
    expect(over.messages.map((message) => message.code)).toEqual(["too_large"]);

    const under = await validateStageOutput({ stageNumber: 6, content: `-- ${"é".repeat(MAX_OUTPUT_BYTES / 2 - 40)}\nCREATE TABLE a (id int PRIMARY KEY);` });
    expect(under.messages).toEqual([]);
  });

  it("reports empty output once instead of a parser error", async () => {
    const result = await validateStageOutput({ stageNumber: 6, content: " \n\t" });
    expect(result).toEqual({
      data: null,
      messages: [{ level: "error", stage: 6, code: "empty_output", message: "The Data Model output is empty.", path: "" }],
    });
  });

  it("throws for a stage number that does not exist", async () => {
    await expect(validateStageOutput({ stageNumber: 10, content: "x" })).rejects.toThrow("There is no stage 10");
  });

  it("tags every message with the stage it came from", async () => {
    const results = await Promise.all(
      fixtureStages.map((stage) => validateStageOutput({ stageNumber: stage, content: `${readStageFixture(stage)}\n}{` })),
    );
    const tagged = results.flatMap((result, index) => result.messages.map((message) => [message.stage, fixtureStages[index]]));
    expect(tagged.length).toBeGreaterThan(0);
    expect(tagged.every(([stage, expected]) => stage === expected)).toBe(true);
  });
});

describe("hasErrors", () => {
  const message = (level: "error" | "warning"): ValidationMessage => ({ level, stage: 3, code: "x", message: "x", path: "" });

  it("is true only when an error is present", () => {
    expect(hasErrors([])).toBe(false);
    expect(hasErrors([message("warning"), message("warning")])).toBe(false);
    expect(hasErrors([message("warning"), message("error")])).toBe(true);
  });
});
