import type { AiProvider } from "../db/schema";

/**
 * Published list prices in US dollars per million tokens, kept in integer micro-dollars so cost
 * arithmetic is exact. Dated: update the date with the figures. Longest matching prefix wins, so
 * dated model ids ("claude-sonnet-4-5-20250929") find their family. Unknown models cost 0.
 */
export const PRICING_AS_OF = "2026-11-01";

type Price = { inputPerMillion: bigint; outputPerMillion: bigint };
const usd = (dollars: number) => BigInt(Math.round(dollars * 1_000_000));
const price = (input: number, output: number): Price => ({ inputPerMillion: usd(input), outputPerMillion: usd(output) });

const prices: Record<Exclude<AiProvider, "custom">, Record<string, Price>> = {
  anthropic: {
    "claude-opus-4": price(15, 75),
    "claude-sonnet-4": price(3, 15),
    "claude-haiku-4": price(1, 5),
    "claude-3-7-sonnet": price(3, 15),
    "claude-3-5-sonnet": price(3, 15),
    "claude-3-5-haiku": price(0.8, 4),
    "claude-3-haiku": price(0.25, 1.25),
  },
  openai: {
    "gpt-5-nano": price(0.05, 0.4),
    "gpt-5-mini": price(0.25, 2),
    "gpt-5": price(1.25, 10),
    "gpt-4.1-nano": price(0.1, 0.4),
    "gpt-4.1-mini": price(0.4, 1.6),
    "gpt-4.1": price(2, 8),
    "gpt-4o-mini": price(0.15, 0.6),
    "gpt-4o": price(2.5, 10),
    "o4-mini": price(1.1, 4.4),
    "o3-mini": price(1.1, 4.4),
    o3: price(2, 8),
  },
};

function priceOf(provider: AiProvider, model: string): Price | null {
  // Custom servers (Ollama, vLLM, OpenRouter…) bill elsewhere or not at all.
  if (provider === "custom") return null;
  const table = prices[provider];
  const match = Object.keys(table)
    .filter((prefix) => model.startsWith(prefix))
    .sort((a, b) => b.length - a.length)[0];
  return match ? table[match]! : null;
}

/** Exact cost in micro-dollars, rounded half up to the micro-dollar. */
export function costMicros(provider: AiProvider, model: string, inputTokens: number, outputTokens: number): bigint {
  const modelPrice = priceOf(provider, model);
  if (!modelPrice) return BigInt(0);
  const scaled = BigInt(inputTokens) * modelPrice.inputPerMillion + BigInt(outputTokens) * modelPrice.outputPerMillion;
  return (scaled + BigInt(500_000)) / BigInt(1_000_000);
}

/** Micro-dollars as the decimal(10,6) string Postgres stores: "0.004215". */
export function microsToDecimal(micros: bigint): string {
  const negative = micros < BigInt(0);
  const digits = (negative ? -micros : micros).toString().padStart(7, "0");
  return `${negative ? "-" : ""}${digits.slice(0, -6)}.${digits.slice(-6)}`;
}

/** A decimal dollar string ("12.5", "0.004215") as micro-dollars; null when it is not one. */
export function decimalToMicros(value: string): bigint | null {
  const match = /^(\d{1,9})(?:\.(\d{1,6}))?$/.exec(value.trim());
  if (!match) return null;
  return BigInt(match[1]!) * BigInt(1_000_000) + BigInt((match[2] ?? "").padEnd(6, "0"));
}

export function estimatedCost(provider: AiProvider, model: string, inputTokens: number, outputTokens: number): string {
  return microsToDecimal(costMicros(provider, model, inputTokens, outputTokens));
}
