import type { AiProvider } from "../db/schema";

/** A provider as the generation code needs it: the key already decrypted, never sent to a browser. */
export type ProviderConnection = { provider: AiProvider; apiKey: string; baseUrl: string | null; model: string };

export type CompletionRequest = {
  system: string;
  prompt: string;
  /** Ask for a JSON object (JSON stages) where the provider has a JSON mode. */
  json: boolean;
  maxTokens: number;
  signal: AbortSignal;
};

/** Token counts exactly as the provider reported them. */
export type CompletionResult = { text: string; inputTokens: number; outputTokens: number };

export type ProviderErrorKind = "auth" | "rate_limit" | "server" | "timeout" | "bad_response" | "network" | "aborted";
