// The price table: exact micro-dollar costs, model-family matching, free custom servers, decimal strings.
import { describe, expect, it } from "vitest";
import { costMicros, decimalToMicros, estimatedCost, microsToDecimal } from "@/lib/ai/pricing";

describe("pricing", () => {
  it("prices dated model ids by their family, exactly", () => {
    expect(estimatedCost("anthropic", "claude-sonnet-4-5-20250929", 1_000_000, 1_000_000)).toBe("18.000000");
    expect(estimatedCost("anthropic", "claude-haiku-4-5", 1200, 800)).toBe("0.005200");
    expect(estimatedCost("openai", "gpt-4o-mini-2024-07-18", 2000, 500)).toBe("0.000600");
  });

  it("prefers the longest matching prefix (gpt-4o-mini is not gpt-4o)", () => {
    expect(costMicros("openai", "gpt-4o-mini", 1_000_000, 0)).toBe(BigInt(150_000));
    expect(costMicros("openai", "gpt-4o", 1_000_000, 0)).toBe(BigInt(2_500_000));
  });

  it("charges nothing for custom servers and unknown models", () => {
    expect(estimatedCost("custom", "gpt-4o", 5000, 5000)).toBe("0.000000");
    expect(estimatedCost("openai", "some-future-model", 5000, 5000)).toBe("0.000000");
  });

  it("rounds half up to the micro-dollar, never through floats", () => {
    // 1 token of gpt-4o-mini input is 0.15 micro-dollars; 3 tokens 0.45 → 0; 4 tokens 0.6 → 1.
    expect(costMicros("openai", "gpt-4o-mini", 3, 0)).toBe(BigInt(0));
    expect(costMicros("openai", "gpt-4o-mini", 4, 0)).toBe(BigInt(1));
  });

  it("converts between decimal strings and micro-dollars", () => {
    expect(microsToDecimal(BigInt(15_600))).toBe("0.015600");
    expect(microsToDecimal(BigInt(12_500_000))).toBe("12.500000");
    expect(decimalToMicros("12.5")).toBe(BigInt(12_500_000));
    expect(decimalToMicros("0.000001")).toBe(BigInt(1));
    expect(decimalToMicros("1e3")).toBeNull();
    expect(decimalToMicros("-5")).toBeNull();
  });
});
