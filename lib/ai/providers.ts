/**
 * The only module that imports the AI SDKs. Everything above it speaks ProviderConnection /
 * CompletionRequest / CompletionResult (lib/ai/types.ts) and ProviderError, never an SDK type, so a
 * provider can be swapped or upgraded here alone.
 *
 * Every call is exactly one HTTP request (`maxRetries: 0`): the generation engine records each call in
 * the ledger itself, and a hidden SDK retry would be a billed call nobody counted.
 */
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import type { AiProvider } from "../db/schema";
import type { CompletionRequest, CompletionResult, ProviderConnection, ProviderErrorKind } from "./types";

/** Time allowed until the provider's response headers arrive (the SDKs' own `timeout` covers only that part). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 60_000;
/**
 * Longest silence tolerated between two streamed events once the response has started. Reasoning models
 * can think quietly for a while, so this is generous; a stream that stops dead is cut off with kind `timeout`.
 */
export const DEFAULT_IDLE_TIMEOUT_MS = 180_000;
/** testConnection: one tiny call, but a local server may have to load the model first. */
export const TEST_CONNECTION_TIMEOUT_MS = 60_000;

export type StreamOptions = { connectTimeoutMs?: number; idleTimeoutMs?: number };

export type ConnectionTestResult = { ok: true; model: string } | { ok: false; message: string };

/** A provider failure in plain words. The message never contains the API key, and no SDK error is attached as cause (it may quote the key). */
export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly status?: number;

  constructor(kind: ProviderErrorKind, message: string, status?: number) {
    super(message);
    this.name = "ProviderError";
    this.kind = kind;
    if (status !== undefined) this.status = status;
  }
}

export function defaultBaseUrl(provider: AiProvider): string | null {
  if (provider === "anthropic") return "https://api.anthropic.com";
  if (provider === "openai") return "https://api.openai.com/v1";
  return null;
}

/** The base URL a connection really talks to, normalised as its SDK expects it. */
export function effectiveBaseUrl(connection: Pick<ProviderConnection, "provider" | "baseUrl">): string {
  const configured = connection.baseUrl?.trim().replace(/\/+$/, "");
  if (!configured) {
    const fallback = defaultBaseUrl(connection.provider);
    if (!fallback) throw new ProviderError("network", "This custom provider has no base URL. Add one in Settings → AI providers (for example http://localhost:11434/v1).");
    return fallback;
  }
  // The Anthropic SDK appends /v1/messages itself; people often paste the URL with /v1.
  return connection.provider === "anthropic" ? configured.replace(/\/v1$/, "") : configured;
}

// ---------------------------------------------------------------------------------------------
// Clients

function anthropicClient(connection: ProviderConnection, timeout: number): Anthropic {
  return new Anthropic({
    apiKey: connection.apiKey,
    baseURL: effectiveBaseUrl(connection),
    maxRetries: 0,
    timeout,
    // Our errors are mapped and logged by the caller; the SDK's own warnings would only be noise.
    logLevel: "off",
  });
}

function openAiClient(connection: ProviderConnection, timeout: number): OpenAI {
  return new OpenAI({
    // Local servers (Ollama, LM Studio, llama.cpp) usually need no key, but the SDK refuses an empty one.
    apiKey: connection.apiKey || "no-key",
    baseURL: effectiveBaseUrl(connection),
    // Never pick up the server's OPENAI_ORG_ID / OPENAI_PROJECT_ID for a user's own key.
    organization: null,
    project: null,
    maxRetries: 0,
    timeout,
    logLevel: "off",
  });
}

// ---------------------------------------------------------------------------------------------
// Abort / idle-timeout bookkeeping shared by both providers

/** Wraps an exception thrown by the caller's onDelta, so it is rethrown unchanged rather than mapped. */
class DeltaHandlerFailure {
  constructor(readonly error: unknown) {}
}

const seconds = (ms: number) => (ms >= 10_000 ? `${Math.round(ms / 1000)} seconds` : `${(ms / 1000).toFixed(1)} seconds`);

class CallGuard {
  private readonly controller = new AbortController();
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private idleFired = false;
  private readonly onCallerAbort = () => this.controller.abort(this.caller.reason);

  constructor(
    private readonly caller: AbortSignal,
    private readonly idleTimeoutMs: number,
  ) {
    if (caller.aborted) this.controller.abort(caller.reason);
    else caller.addEventListener("abort", this.onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Called whenever bytes arrive: the silence clock starts over. */
  touch(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleFired = true;
      this.controller.abort();
    }, this.idleTimeoutMs);
  }

  /** The error for an abort, if one happened: ours (idle) → timeout; the caller's → aborted, or timeout when its reason is a TimeoutError. */
  abortError(): ProviderError | undefined {
    if (this.idleFired) return new ProviderError("timeout", `The provider stopped sending data for ${seconds(this.idleTimeoutMs)}, so the call was cut off.`);
    if (!this.caller.aborted) return undefined;
    const reason: unknown = this.caller.reason;
    if (reason instanceof ProviderError) return reason;
    if (reason instanceof Error && reason.name === "TimeoutError") return new ProviderError("timeout", "The provider did not finish in time, so the call was cut off.");
    return new ProviderError("aborted", "The call to the provider was cancelled.");
  }

  dispose(): void {
    clearTimeout(this.idleTimer);
    this.caller.removeEventListener("abort", this.onCallerAbort);
  }
}

// ---------------------------------------------------------------------------------------------
// Error mapping

const KEY_LIKE = /\b(?:sk|pk|rk|key)[-_][A-Za-z0-9*_-]{6,}/gi;

/** Removes the key itself and anything key-shaped (OpenAI's 401 quotes a masked fragment of the key). */
function redact(text: string, apiKey: string): string {
  let cleaned = apiKey.length >= 4 ? text.split(apiKey).join("[redacted]") : text;
  cleaned = cleaned.replace(KEY_LIKE, "[redacted]");
  return cleaned.length > 300 ? `${cleaned.slice(0, 297)}…` : cleaned;
}

/** The provider's own explanation, when its error body had one. */
function providerDetail(error: InstanceType<typeof Anthropic.APIError> | InstanceType<typeof OpenAI.APIError>, apiKey: string): string {
  const body = error.error as { error?: { message?: unknown }; message?: unknown } | undefined;
  const raw = body?.error?.message ?? body?.message;
  return typeof raw === "string" && raw.trim() !== "" ? ` The provider said: "${redact(raw.trim(), apiKey)}"` : "";
}

function networkCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^E[A-Z_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: "connection refused — is the server running?",
  ENOTFOUND: "host not found — check the URL",
  EAI_AGAIN: "host name lookup failed — check the URL and the network",
  ECONNRESET: "the connection was reset",
  ETIMEDOUT: "the connection timed out",
  EHOSTUNREACH: "host unreachable",
  ECONNABORTED: "the connection was aborted",
};

function fromStatus(status: number, detail: string): ProviderError {
  if (status === 401 || status === 403) {
    const what = status === 401 ? "rejected the API key" : "refused access for this API key";
    return new ProviderError("auth", `The provider ${what} (${status}). Check the key in Settings → AI providers.${detail}`, status);
  }
  if (status === 429) return new ProviderError("rate_limit", `The provider is rate-limiting this key or its quota is used up (429). Wait a little and try again, or check the plan's limits.${detail}`, status);
  if (status >= 500) return new ProviderError("server", `The provider had a server error (${status}). Try again in a moment.${detail}`, status);
  if (status === 404) return new ProviderError("bad_response", `The provider answered "not found" (404): check the model name and the base URL.${detail}`, status);
  // Other 4xx: the request was refused as given (unknown parameter, context too long, …); retrying won't help.
  return new ProviderError("bad_response", `The provider refused the request (${status}).${detail}`, status);
}

/** Maps anything an SDK call threw to a ProviderError; the caller's own onDelta exceptions pass through unchanged. */
function toProviderError(error: unknown, connection: ProviderConnection, guard: CallGuard): unknown {
  if (error instanceof DeltaHandlerFailure) return error.error;
  if (error instanceof ProviderError) return error;
  const aborted = guard.abortError();
  if (aborted) return aborted;
  const baseUrl = connection.baseUrl ? effectiveBaseUrl(connection) : (defaultBaseUrl(connection.provider) ?? "(no base URL)");

  if (error instanceof Anthropic.APIConnectionTimeoutError || error instanceof OpenAI.APIConnectionTimeoutError) {
    return new ProviderError("timeout", `The provider at ${baseUrl} did not respond in time.`);
  }
  if (error instanceof Anthropic.APIUserAbortError || error instanceof OpenAI.APIUserAbortError) {
    return new ProviderError("aborted", "The call to the provider was cancelled.");
  }
  if (error instanceof Anthropic.APIConnectionError || error instanceof OpenAI.APIConnectionError) {
    const code = networkCode(error);
    const words = code ? (NETWORK_WORDS[code] ?? code) : "the connection failed";
    return new ProviderError("network", `Could not reach the provider at ${baseUrl} (${words}).`);
  }
  if (error instanceof Anthropic.APIError || error instanceof OpenAI.APIError) {
    const detail = providerDetail(error, connection.apiKey);
    if (typeof error.status === "number") return fromStatus(error.status, detail);
    // No status: an `error` event inside a 200 stream (e.g. Anthropic's overloaded_error mid-stream).
    const type = (error.error as { error?: { type?: unknown } } | undefined)?.error?.type;
    if (type === "rate_limit_error") return new ProviderError("rate_limit", `The provider is rate-limiting this key.${detail}`);
    if (type === "overloaded_error" || type === "api_error") return new ProviderError("server", `The provider failed while answering (it may be overloaded). Try again in a moment.${detail}`);
    return new ProviderError("bad_response", `The provider reported an error while streaming.${detail}`);
  }
  if (error instanceof SyntaxError || error instanceof Anthropic.AnthropicError || error instanceof OpenAI.OpenAIError) {
    return new ProviderError("bad_response", "The provider sent a response that could not be read (a broken or incomplete stream).");
  }
  const code = networkCode(error);
  if (code) return new ProviderError("network", `Could not reach the provider at ${baseUrl} (${NETWORK_WORDS[code] ?? code}).`);
  return new ProviderError("bad_response", "The provider call failed in an unexpected way.");
}

// ---------------------------------------------------------------------------------------------
// Streaming

type Emit = (text: string) => void;

async function streamAnthropic(connection: ProviderConnection, request: CompletionRequest, guard: CallGuard, emit: Emit, connectTimeoutMs: number): Promise<CompletionResult> {
  const client = anthropicClient(connection, connectTimeoutMs);
  // No JSON mode here: Anthropic's structured output needs a schema; JSON stages rely on the prompt.
  const stream = client.messages.stream(
    { model: connection.model, max_tokens: request.maxTokens, system: request.system, messages: [{ role: "user", content: request.prompt }] },
    { signal: guard.signal },
  );
  for await (const event of stream) {
    guard.touch();
    if (event.type === "content_block_delta" && event.delta.type === "text_delta" && event.delta.text) emit(event.delta.text);
  }
  const aborted = guard.abortError();
  if (aborted) throw aborted;
  const message = await stream.finalMessage();
  const text = message.content.map((block) => (block.type === "text" ? block.text : "")).join("");
  return { text, inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens };
}

type ChatParams = OpenAI.Chat.Completions.ChatCompletionCreateParamsStreaming;

function chatParams(connection: ProviderConnection, request: CompletionRequest, json: boolean): ChatParams {
  return {
    model: connection.model,
    messages: [
      { role: "system", content: request.system },
      { role: "user", content: request.prompt },
    ],
    stream: true,
    stream_options: { include_usage: true },
    // OpenAI's current models only accept max_completion_tokens; OpenAI-compatible servers mostly know max_tokens.
    ...(connection.provider === "openai" ? { max_completion_tokens: request.maxTokens } : { max_tokens: request.maxTokens }),
    ...(json ? { response_format: { type: "json_object" as const } } : {}),
  };
}

/** LM Studio and some llama.cpp builds refuse `response_format: json_object` with a 400 naming the field. */
function isJsonModeRefusal(error: unknown): boolean {
  if (!(error instanceof OpenAI.APIError) || (error.status !== 400 && error.status !== 422)) return false;
  return /response_format|json_object|json_schema/i.test(JSON.stringify(error.error ?? "") + error.message);
}

async function streamOpenAi(connection: ProviderConnection, request: CompletionRequest, guard: CallGuard, emit: Emit, connectTimeoutMs: number): Promise<CompletionResult> {
  const client = openAiClient(connection, connectTimeoutMs);
  let stream;
  try {
    stream = await client.chat.completions.create(chatParams(connection, request, request.json), { signal: guard.signal });
  } catch (error) {
    // Custom servers only: a server that rejects JSON mode outright (an unbilled 400) gets the same request without it, relying on the prompt.
    if (connection.provider !== "custom" || !request.json || !isJsonModeRefusal(error)) throw error;
    stream = await client.chat.completions.create(chatParams(connection, request, false), { signal: guard.signal });
  }
  let text = "";
  let finished = false;
  let inputTokens = 0;
  let outputTokens = 0;
  for await (const chunk of stream) {
    guard.touch();
    // vLLM sends the usage chunk with `choices: null`.
    const choice = chunk.choices?.[0];
    const delta = choice?.delta?.content;
    if (delta) {
      text += delta;
      emit(delta);
    }
    if (choice?.finish_reason) finished = true;
    if (chunk.usage) {
      finished = true;
      inputTokens = chunk.usage.prompt_tokens ?? 0;
      outputTokens = chunk.usage.completion_tokens ?? 0;
    }
  }
  const aborted = guard.abortError();
  if (aborted) throw aborted;
  // The SDK ends quietly when the connection closes early; a reply that never finished is incomplete, not valid.
  if (!finished) throw new ProviderError("bad_response", "The provider's stream ended before the answer was complete.");
  return { text, inputTokens, outputTokens };
}

/**
 * Streams one completion, calling onDelta with each piece of text as it arrives, and resolves with the
 * whole text and the token counts exactly as the provider reported them (0 when a custom server reports none).
 * Rejects with a ProviderError for every provider failure; an exception thrown by onDelta propagates unchanged.
 */
export async function streamCompletion(connection: ProviderConnection, request: CompletionRequest, onDelta: (text: string) => void, options: StreamOptions = {}): Promise<CompletionResult> {
  const guard = new CallGuard(request.signal, options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS);
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const emit: Emit = (text) => {
    try {
      onDelta(text);
    } catch (error) {
      throw new DeltaHandlerFailure(error);
    }
  };
  try {
    const early = guard.abortError();
    if (early) throw early;
    // The silence clock runs from the start: a server that sends headers and then nothing is cut off too.
    guard.touch();
    return connection.provider === "anthropic"
      ? await streamAnthropic(connection, request, guard, emit, connectTimeoutMs)
      : await streamOpenAi(connection, request, guard, emit, connectTimeoutMs);
  } catch (error) {
    throw toProviderError(error, connection, guard);
  } finally {
    guard.dispose();
  }
}

/**
 * One cheap call — a 1-token completion with the configured model — so the key, the base URL and the
 * model name are all checked on the same path generation uses. Never throws for provider failures.
 */
export async function testConnection(connection: ProviderConnection, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<ConnectionTestResult> {
  const timeoutMs = options.timeoutMs ?? TEST_CONNECTION_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const guard = new CallGuard(options.signal ? AbortSignal.any([options.signal, timeout]) : timeout, timeoutMs);
  try {
    if (connection.provider === "anthropic") {
      const message = await anthropicClient(connection, timeoutMs).messages.create(
        { model: connection.model, max_tokens: 1, messages: [{ role: "user", content: "Reply with OK." }] },
        { signal: guard.signal },
      );
      return { ok: true, model: message.model || connection.model };
    }
    const completion = await openAiClient(connection, timeoutMs).chat.completions.create(
      {
        model: connection.model,
        messages: [{ role: "user", content: "Reply with OK." }],
        ...(connection.provider === "openai" ? { max_completion_tokens: 1 } : { max_tokens: 1 }),
      },
      { signal: guard.signal },
    );
    return { ok: true, model: completion.model || connection.model };
  } catch (error) {
    const mapped = toProviderError(error, connection, guard);
    return { ok: false, message: mapped instanceof ProviderError ? mapped.message : "The connection test failed in an unexpected way." };
  } finally {
    guard.dispose();
  }
}
