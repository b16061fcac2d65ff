import type { DbOrTx } from "../db/client";
import { aiGenerations, type AiProvider } from "../db/schema";
import { estimatedCost } from "./pricing";

export type LedgerEntry = {
  stageId: string;
  providerConfigId: string;
  provider: AiProvider;
  model: string;
  promptTemplate: string;
  inputTokens: number;
  outputTokens: number;
  durationMs: number;
  status: "success" | "error" | "timeout";
  errorMessage: string | null;
};

/** One row per provider call, whatever its outcome, with the cost from the dated price table. */
export async function recordProviderCall(db: DbOrTx, entry: LedgerEntry): Promise<string> {
  const [row] = await db
    .insert(aiGenerations)
    .values({
      stageId: entry.stageId,
      providerId: entry.providerConfigId,
      model: entry.model,
      promptTemplate: entry.promptTemplate,
      inputTokens: entry.inputTokens,
      outputTokens: entry.outputTokens,
      totalTokens: entry.inputTokens + entry.outputTokens,
      estimatedCost: estimatedCost(entry.provider, entry.model, entry.inputTokens, entry.outputTokens),
      durationMs: entry.durationMs,
      status: entry.status,
      errorMessage: entry.errorMessage,
    })
    .returning({ id: aiGenerations.id });
  return row!.id;
}
