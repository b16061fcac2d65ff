/**
 * A local stand-in for the Anthropic Messages and OpenAI Chat Completions APIs that speaks their real
 * wire formats (JSON and SSE), so the real SDKs run end to end against it in tests and the benchmark.
 *
 * Anthropic SDK: baseURL = server.url. OpenAI SDK (and `custom` providers): baseURL = `${server.url}/v1`.
 * Which dialect a request speaks is decided by its path (`/v1/messages` vs `/v1/chat/completions`);
 * `GET /v1/models` answers in the dialect of the caller's headers (`anthropic-version` → Anthropic).
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeReply =
  | {
      kind: "text";
      text: string;
      inputTokens?: number;
      outputTokens?: number;
      chunkDelayMs?: number;
      /** OpenAI dialect: behave like a server that ignores stream_options and never reports usage. */
      omitUsage?: boolean;
    }
  | { kind: "status"; status: 401 | 429 | 500; message?: string }
  /** A broken SSE stream (streaming requests) or a truncated JSON body (non-streaming): invalid JSON mid-stream, then close. */
  | { kind: "malformed" }
  /** Response headers are sent, then nothing until the client goes away. */
  | { kind: "hang" };

export type RecordedRequest = {
  method: string;
  /** Path without the query string, e.g. `/v1/messages`. */
  path: string;
  /** Lower-cased header names, as received (the API key included: tests assert where it went). */
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined for a GET / unparsable body. */
  body: unknown;
  /** High-resolution epoch milliseconds when the first text chunk was written (streaming text replies only); for the relay benchmark. */
  firstTokenAt?: number;
  /** When the request arrived and when its response ended (high-resolution epoch ms): the provider's own time. */
  receivedAt: number;
  finishedAt?: number;
};

export type FakeAiServer = {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** Queues replies, consumed one per API request in order; an empty queue answers the default text. */
  enqueue(...replies: FakeReply[]): void;
  /** Replaces the reply used when the queue is empty. */
  setDefaultReply(reply: FakeReply): void;
  requests: RecordedRequest[];
  close(): Promise<void>;
};

export const FAKE_DEFAULT_TEXT = "Hello from the fake AI server.";
export const FAKE_DEFAULT_INPUT_TOKENS = 10;
export const FAKE_DEFAULT_OUTPUT_TOKENS = 20;

type Dialect = "anthropic" | "openai";

const nowMs = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Splits text into up to five pieces on code-point boundaries, so a test sees several deltas. */
export function splitIntoChunks(text: string, maxChunks = 5): string[] {
  const codePoints = Array.from(text);
  if (codePoints.length === 0) return [];
  const count = Math.min(maxChunks, codePoints.length);
  const size = Math.ceil(codePoints.length / count);
  const chunks: string[] = [];
  for (let i = 0; i < codePoints.length; i += size) chunks.push(codePoints.slice(i, i + size).join(""));
  return chunks;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  const raw = Buffer.concat(parts).toString("utf8");
  if (raw === "") return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

const field = (body: unknown, name: string): unknown =>
  typeof body === "object" && body !== null ? (body as Record<string, unknown>)[name] : undefined;

function sendJson(res: ServerResponse, status: number, payload: unknown, extraHeaders: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...extraHeaders });
  res.end(JSON.stringify(payload));
}

/** Error bodies exactly as each API shapes them, so the SDKs build their typed errors from them. */
function sendError(res: ServerResponse, dialect: Dialect, status: 401 | 429 | 500, message?: string): void {
  const retryHeaders: Record<string, string> = status === 429 ? { "retry-after": "1" } : {};
  if (dialect === "anthropic") {
    const type = status === 401 ? "authentication_error" : status === 429 ? "rate_limit_error" : "api_error";
    const text = message ?? (status === 401 ? "invalid x-api-key" : status === 429 ? "Number of request tokens has exceeded your per-minute rate limit" : "Internal server error");
    sendJson(res, status, { type: "error", error: { type, message: text }, request_id: `req_${randomUUID()}` }, { "request-id": `req_${randomUUID()}`, ...retryHeaders });
    return;
  }
  const type = status === 401 ? "invalid_request_error" : status === 429 ? "requests" : "server_error";
  const code = status === 401 ? "invalid_api_key" : status === 429 ? "rate_limit_exceeded" : null;
  // The real 401 echoes a masked fragment of the key; callers must not pass it on verbatim.
  const text = message ?? (status === 401 ? "Incorrect API key provided: sk-fake********wxyz. You can find your API key at https://platform.openai.com/account/api-keys." : status === 429 ? "Rate limit reached for requests" : "The server had an error while processing your request. Sorry about that!");
  sendJson(res, status, { error: { message: text, type, param: null, code } }, retryHeaders);
}

function writeSse(res: ServerResponse, dialect: Dialect, data: unknown, event?: string): void {
  const payload = typeof data === "string" ? data : JSON.stringify(data);
  res.write(dialect === "anthropic" && event ? `event: ${event}\ndata: ${payload}\n\n` : `data: ${payload}\n\n`);
}

function startSse(res: ServerResponse): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  res.flushHeaders();
}

async function anthropicText(res: ServerResponse, recorded: RecordedRequest, reply: Extract<FakeReply, { kind: "text" }>, stream: boolean): Promise<void> {
  const model = String(field(recorded.body, "model") ?? "claude-fake");
  const id = `msg_${randomUUID().replaceAll("-", "")}`;
  const inputTokens = reply.inputTokens ?? FAKE_DEFAULT_INPUT_TOKENS;
  const outputTokens = reply.outputTokens ?? FAKE_DEFAULT_OUTPUT_TOKENS;
  if (!stream) {
    sendJson(res, 200, {
      id,
      type: "message",
      role: "assistant",
      model,
      content: [{ type: "text", text: reply.text }],
      stop_reason: "end_turn",
      stop_sequence: null,
      usage: { input_tokens: inputTokens, output_tokens: outputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    });
    return;
  }
  startSse(res);
  writeSse(res, "anthropic", { type: "message_start", message: { id, type: "message", role: "assistant", model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: inputTokens, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } } }, "message_start");
  writeSse(res, "anthropic", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }, "content_block_start");
  writeSse(res, "anthropic", { type: "ping" }, "ping");
  for (const chunk of splitIntoChunks(reply.text)) {
    if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
    if (res.destroyed) return;
    recorded.firstTokenAt ??= nowMs();
    writeSse(res, "anthropic", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: chunk } }, "content_block_delta");
  }
  writeSse(res, "anthropic", { type: "content_block_stop", index: 0 }, "content_block_stop");
  writeSse(res, "anthropic", { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: outputTokens } }, "message_delta");
  writeSse(res, "anthropic", { type: "message_stop" }, "message_stop");
  res.end();
}

async function openaiText(res: ServerResponse, recorded: RecordedRequest, reply: Extract<FakeReply, { kind: "text" }>, stream: boolean): Promise<void> {
  const model = String(field(recorded.body, "model") ?? "gpt-fake");
  const id = `chatcmpl-${randomUUID().replaceAll("-", "")}`;
  const created = Math.floor(Date.now() / 1000);
  const usage = {
    prompt_tokens: reply.inputTokens ?? FAKE_DEFAULT_INPUT_TOKENS,
    completion_tokens: reply.outputTokens ?? FAKE_DEFAULT_OUTPUT_TOKENS,
    total_tokens: (reply.inputTokens ?? FAKE_DEFAULT_INPUT_TOKENS) + (reply.outputTokens ?? FAKE_DEFAULT_OUTPUT_TOKENS),
  };
  if (!stream) {
    sendJson(res, 200, {
      id,
      object: "chat.completion",
      created,
      model,
      choices: [{ index: 0, message: { role: "assistant", content: reply.text, refusal: null }, logprobs: null, finish_reason: "stop" }],
      ...(reply.omitUsage ? {} : { usage }),
    });
    return;
  }
  const includeUsage = !reply.omitUsage && field(field(recorded.body, "stream_options"), "include_usage") === true;
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({ id, object: "chat.completion.chunk", created, model, choices, ...extra });
  startSse(res);
  writeSse(res, "openai", chunk([{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }], includeUsage ? { usage: null } : {}));
  for (const piece of splitIntoChunks(reply.text)) {
    if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
    if (res.destroyed) return;
    recorded.firstTokenAt ??= nowMs();
    writeSse(res, "openai", chunk([{ index: 0, delta: { content: piece }, logprobs: null, finish_reason: null }], includeUsage ? { usage: null } : {}));
  }
  writeSse(res, "openai", chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: "stop" }], includeUsage ? { usage: null } : {}));
  // Only when asked: the usage chunk has empty choices, as the real API sends it.
  if (includeUsage) writeSse(res, "openai", chunk([], { usage }));
  writeSse(res, "openai", "[DONE]");
  res.end();
}

function malformed(res: ServerResponse, dialect: Dialect, stream: boolean): void {
  if (!stream) {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"id": "broken", "content": [');
    return;
  }
  startSse(res);
  if (dialect === "anthropic") {
    writeSse(res, "anthropic", { type: "message_start", message: { id: "msg_broken", type: "message", role: "assistant", model: "claude-fake", content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 5, output_tokens: 1 } } }, "message_start");
    writeSse(res, "anthropic", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }, "content_block_start");
    writeSse(res, "anthropic", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Partial " } }, "content_block_delta");
    res.write('event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_del\n\n');
  } else {
    writeSse(res, "openai", { id: "chatcmpl-broken", object: "chat.completion.chunk", created: 0, model: "gpt-fake", choices: [{ index: 0, delta: { role: "assistant", content: "Partial " }, finish_reason: null }] });
    res.write('data: {"id":"chatcmpl-broken","choices":[{"index":0,"delta":{"cont\n\n');
  }
  res.end();
}

function listModels(res: ServerResponse, dialect: Dialect): void {
  const ids = dialect === "anthropic" ? ["claude-fake-1", "claude-fake-2"] : ["gpt-fake-1", "gpt-fake-2"];
  if (dialect === "anthropic") {
    const data = ids.map((id) => ({ type: "model", id, display_name: id, created_at: "2025-01-01T00:00:00Z" }));
    sendJson(res, 200, { data, has_more: false, first_id: ids[0], last_id: ids.at(-1) });
  } else {
    sendJson(res, 200, { object: "list", data: ids.map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: "fake" })) });
  }
}

export async function startFakeAiServer(): Promise<FakeAiServer> {
  const queue: FakeReply[] = [];
  let defaultReply: FakeReply = { kind: "text", text: FAKE_DEFAULT_TEXT };
  const requests: RecordedRequest[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const receivedAt = nowMs();
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const headers = headersOf(req);
    const body = await readBody(req);
    const recorded: RecordedRequest = { method: req.method ?? "GET", path, headers, body, receivedAt };
    res.on("finish", () => (recorded.finishedAt = nowMs()));

    const isMessages = req.method === "POST" && path === "/v1/messages";
    const isChat = req.method === "POST" && path === "/v1/chat/completions";
    const isModels = req.method === "GET" && path === "/v1/models";
    if (!isMessages && !isChat && !isModels) {
      sendJson(res, 404, { error: { message: `No route ${req.method} ${path}`, type: "not_found_error" } });
      return;
    }
    requests.push(recorded);
    const dialect: Dialect = isMessages || (isModels && headers["anthropic-version"] !== undefined) ? "anthropic" : "openai";
    const stream = field(body, "stream") === true;
    const reply = queue.shift() ?? defaultReply;

    switch (reply.kind) {
      case "status":
        sendError(res, dialect, reply.status, reply.message);
        return;
      case "malformed":
        malformed(res, dialect, stream);
        return;
      case "hang":
        // Headers go out (so the SDK's own connect timeout no longer applies); the body never comes.
        res.writeHead(200, { "content-type": stream ? "text/event-stream" : "application/json" });
        res.flushHeaders();
        return;
      case "text":
        if (isModels) listModels(res, dialect);
        else if (dialect === "anthropic") await anthropicText(res, recorded, reply, stream);
        else await openaiText(res, recorded, reply, stream);
        return;
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(error), type: "fake_server_error" } });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    enqueue: (...replies) => void queue.push(...replies),
    setDefaultReply: (reply) => void (defaultReply = reply),
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Hanging replies keep sockets open; cut them so close() returns promptly.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
