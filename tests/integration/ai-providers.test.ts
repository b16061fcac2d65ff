// The provider layer end to end: the real SDKs against the fake wire-format server (streaming, JSON mode,
// every failure kind, no key in any message), provider-config use-cases per user, and key rotation.
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canDecryptWith, decryptSecret, encryptSecret } from "@/lib/ai/crypto";
import {
  createProviderConfig,
  deleteProviderConfig,
  getProviderConfig,
  listProviderConfigs,
  resolveConnection,
  setDefaultProviderConfig,
  setProjectProvider,
  testProviderConfig,
  updateProviderConfig,
} from "@/lib/ai/provider-configs";
import { ProviderError, streamCompletion, testConnection } from "@/lib/ai/providers";
import { rotateEncryptionKey } from "@/lib/ai/rotate-key";
import type { CompletionRequest, ProviderConnection } from "@/lib/ai/types";
import { db } from "@/lib/db/client";
import { aiGenerations, aiProviderConfigs } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createProject, getProjectStages } from "@/lib/projects";
import { getSecrets } from "@/lib/secrets";
import { createUser } from "../support/factories";
import { startFakeAiServer, type FakeAiServer, type FakeReply } from "../support/fake-ai-server";

const CANARY = "sk-canary-7f3a9c1e5b2d4f6a8c0e";

let server: FakeAiServer;
beforeAll(async () => {
  server = await startFakeAiServer();
});
afterAll(async () => {
  await server.close();
});

const providers = ["anthropic", "openai", "custom"] as const;
const connectionFor = (provider: ProviderConnection["provider"], apiKey = CANARY): ProviderConnection => ({
  provider,
  apiKey,
  baseUrl: provider === "anthropic" ? server.url : `${server.url}/v1`,
  model: `${provider}-test-model`,
});
const request = (overrides: Partial<CompletionRequest> = {}): CompletionRequest => ({
  system: "You write specifications.",
  prompt: "Draft the vision.",
  json: false,
  maxTokens: 500,
  signal: new AbortController().signal,
  ...overrides,
});

async function failureOf(provider: ProviderConnection["provider"], reply: FakeReply, overrides: Partial<CompletionRequest> = {}): Promise<ProviderError> {
  server.enqueue(reply);
  const error = await streamCompletion(connectionFor(provider), request(overrides), () => {}).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ProviderError);
  const providerError = error as ProviderError;
  expect(providerError.message).not.toContain(CANARY);
  expect(providerError.message).not.toContain(CANARY.slice(-8));
  return providerError;
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe.each(providers)("streamCompletion with %s", (provider) => {
  it("streams the text in several deltas and reports the provider's own token counts", async () => {
    const text = "Specwright turns an idea into a specification agents can build from.";
    server.enqueue({ kind: "text", text, inputTokens: 321, outputTokens: 54, chunkDelayMs: 5 });
    const deltas: string[] = [];
    const result = await streamCompletion(connectionFor(provider), request(), (delta) => deltas.push(delta));
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe(text);
    expect(result).toEqual({ text, inputTokens: 321, outputTokens: 54 });

    const sent = server.requests.at(-1)!;
    expect(sent.path).toBe(provider === "anthropic" ? "/v1/messages" : "/v1/chat/completions");
    expect(JSON.stringify(sent.headers)).toContain(CANARY);
    expect(sent.headers["x-stainless-retry-count"]).toBe("0");
    const body = sent.body as Record<string, unknown>;
    expect(body.stream).toBe(true);
    expect(body.model).toBe(`${provider}-test-model`);
    if (provider === "anthropic") {
      expect(body.system).toBe("You write specifications.");
      expect(body.max_tokens).toBe(500);
    } else {
      expect(body.messages).toEqual([
        { role: "system", content: "You write specifications." },
        { role: "user", content: "Draft the vision." },
      ]);
      expect(body.stream_options).toEqual({ include_usage: true });
      expect(body[provider === "openai" ? "max_completion_tokens" : "max_tokens"]).toBe(500);
    }
  });

  it("asks for JSON mode where the provider has one", async () => {
    server.enqueue({ kind: "text", text: '{"ok":true}' });
    await streamCompletion(connectionFor(provider), request({ json: true }), () => {});
    const body = server.requests.at(-1)!.body as Record<string, unknown>;
    if (provider === "anthropic") expect(body).not.toHaveProperty("response_format");
    else expect(body.response_format).toEqual({ type: "json_object" });
  });

  it("maps 401, 429 and 500 to auth, rate_limit and server, in plain words without the key", async () => {
    const auth = await failureOf(provider, { kind: "status", status: 401 });
    expect(auth).toMatchObject({ kind: "auth", status: 401 });
    expect(auth.message).toMatch(/^The provider rejected the API key \(401\)/);
    expect(await failureOf(provider, { kind: "status", status: 429 })).toMatchObject({ kind: "rate_limit", status: 429 });
    expect(await failureOf(provider, { kind: "status", status: 500 })).toMatchObject({ kind: "server", status: 500 });
  });

  it("redacts the key even when the provider quotes it back", async () => {
    const error = await failureOf(provider, { kind: "status", status: 401, message: `Incorrect API key provided: ${CANARY}.` });
    expect(error.message).toContain("[redacted]");
  });

  it("maps a broken stream to bad_response", async () => {
    expect((await failureOf(provider, { kind: "malformed" })).kind).toBe("bad_response");
  });

  it("cuts off a hanging provider: the caller's timeout signal → timeout, a cancel → aborted, silence → timeout", async () => {
    const started = Date.now();
    expect((await failureOf(provider, { kind: "hang" }, { signal: AbortSignal.timeout(200) })).kind).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(5_000);

    const cancel = new AbortController();
    setTimeout(() => cancel.abort(), 200);
    expect((await failureOf(provider, { kind: "hang" }, { signal: cancel.signal })).kind).toBe("aborted");

    server.enqueue({ kind: "hang" });
    const idle = await streamCompletion(connectionFor(provider), request(), () => {}, { idleTimeoutMs: 200 }).catch((error: unknown) => error);
    expect(idle).toMatchObject({ kind: "timeout" });
  });

  it("maps connection refused to network, naming the base URL", async () => {
    const port = await closedPort();
    const baseUrl = `http://127.0.0.1:${port}${provider === "anthropic" ? "" : "/v1"}`;
    const error = await streamCompletion({ ...connectionFor(provider), baseUrl }, request(), () => {}).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ kind: "network" });
    expect((error as Error).message).toContain(baseUrl);
    expect((error as Error).message).toContain("connection refused");
  });

  it("testConnection: ok with the model, or the provider's error in plain words", async () => {
    expect(await testConnection(connectionFor(provider))).toEqual({ ok: true, model: `${provider}-test-model` });
    expect((server.requests.at(-1)!.body as Record<string, unknown>).stream).toBeUndefined();
    server.enqueue({ kind: "status", status: 401 });
    const failed = await testConnection(connectionFor(provider));
    expect(failed.ok).toBe(false);
    if (!failed.ok) {
      expect(failed.message).toMatch(/rejected the API key \(401\)/);
      expect(failed.message).not.toContain(CANARY);
    }
  });
});

describe("streamCompletion details", () => {
  it("reports 0 tokens when a custom server sends no usage", async () => {
    // Some OpenAI-compatible servers ignore stream_options and never send a usage chunk.
    server.enqueue({ kind: "text", text: "no usage here", omitUsage: true });
    expect(await streamCompletion(connectionFor("custom"), request(), () => {})).toEqual({ text: "no usage here", inputTokens: 0, outputTokens: 0 });
  });

  it("lets an exception thrown by onDelta through unchanged", async () => {
    server.enqueue({ kind: "text", text: "some streamed text" });
    const boom = new Error("relay closed");
    await expect(
      streamCompletion(connectionFor("openai"), request(), () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
  });

  it("refuses an already-aborted signal without calling the provider", async () => {
    const before = server.requests.length;
    const error = await streamCompletion(connectionFor("anthropic"), request({ signal: AbortSignal.abort() }), () => {}).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ kind: "aborted" });
    expect(server.requests.length).toBe(before);
  });
});

const openAiInput = (overrides: Record<string, unknown> = {}) => ({ provider: "openai", label: "OpenAI", apiKey: CANARY, defaultModel: "gpt-4.1-mini", ...overrides });

describe("provider configs", () => {

  it("stores the key encrypted and lists it masked, with no key material", async () => {
    const user = await createUser();
    const created = await createProviderConfig(db, user.id, openAiInput());
    expect(created).toMatchObject({ provider: "openai", label: "OpenAI", maskedKey: "sk-…8c0e", hasKey: true, isDefault: true, baseUrl: null });

    const [row] = await db.select().from(aiProviderConfigs).where(eq(aiProviderConfigs.id, created.id));
    expect(row!.apiKeyEncrypted).toMatch(/^enc:v1:/);
    expect(row!.apiKeyEncrypted).not.toContain(CANARY);
    expect(decryptSecret(row!.apiKeyEncrypted)).toBe(CANARY);

    const listed = JSON.stringify(await listProviderConfigs(db, user.id));
    expect(listed).not.toContain(CANARY);
    expect(listed).not.toContain(CANARY.slice(3, -4));
    expect(listed).not.toContain(row!.apiKeyEncrypted);
    expect(listed).not.toContain("enc:v1");
  });

  it("validates input: key required except for custom, base URL required for custom and http(s) only", async () => {
    const user = await createUser();
    const fieldErrorsOf = (promise: Promise<unknown>) => promise.then(() => ({}), (error: AppError) => (expect(error.code).toBe("validation"), error.fieldErrors ?? {}));
    expect(await fieldErrorsOf(createProviderConfig(db, user.id, openAiInput({ apiKey: "  " })))).toHaveProperty("apiKey");
    expect(await fieldErrorsOf(createProviderConfig(db, user.id, { provider: "custom", label: "Ollama", defaultModel: "llama3.1" }))).toHaveProperty("baseUrl");
    expect(await fieldErrorsOf(createProviderConfig(db, user.id, { provider: "custom", label: "x", defaultModel: "m", baseUrl: "file:///etc/passwd" }))).toHaveProperty("baseUrl");
    expect(await fieldErrorsOf(createProviderConfig(db, user.id, openAiInput({ provider: "gemini" })))).toHaveProperty("provider");
    expect(await fieldErrorsOf(createProviderConfig(db, user.id, openAiInput({ label: "", defaultModel: "m".repeat(101), apiKey: "k".repeat(501) })))).toEqual(
      expect.objectContaining({ label: expect.any(Array), defaultModel: expect.any(Array), apiKey: expect.any(Array) }),
    );
    const local = await createProviderConfig(db, user.id, { provider: "custom", label: "Ollama", defaultModel: "llama3.1", baseUrl: "http://localhost:11434/v1", apiKey: "" });
    expect(local).toMatchObject({ hasKey: false, maskedKey: "", baseUrl: "http://localhost:11434/v1" });
    expect(await listProviderConfigs(db, user.id)).toHaveLength(1);
  });

  it("updates, keeping the stored key when the key field is blank", async () => {
    const user = await createUser();
    const created = await createProviderConfig(db, user.id, openAiInput());
    const renamed = await updateProviderConfig(db, user.id, created.id, openAiInput({ label: "Work key", apiKey: "", defaultModel: "gpt-4.1" }));
    expect(renamed).toMatchObject({ label: "Work key", defaultModel: "gpt-4.1", maskedKey: "sk-…8c0e" });
    const rekeyed = await updateProviderConfig(db, user.id, created.id, openAiInput({ apiKey: "sk-second-key-000000000000wxyz" }));
    expect(rekeyed.maskedKey).toBe("sk-…wxyz");
  });

  it("keeps exactly one default per user, the first provider being it", async () => {
    const user = await createUser();
    const first = await createProviderConfig(db, user.id, openAiInput({ label: "One" }));
    const second = await createProviderConfig(db, user.id, openAiInput({ label: "Two" }));
    const third = await createProviderConfig(db, user.id, { provider: "anthropic", label: "Three", apiKey: CANARY, defaultModel: "claude-sonnet-4-5" });
    const defaults = async () => (await listProviderConfigs(db, user.id)).filter((config) => config.isDefault).map((config) => config.id);
    expect(await defaults()).toEqual([first.id]);
    await setDefaultProviderConfig(db, user.id, third.id);
    expect(await defaults()).toEqual([third.id]);
    await Promise.all([setDefaultProviderConfig(db, user.id, second.id), setDefaultProviderConfig(db, user.id, first.id)]);
    expect(await defaults()).toHaveLength(1);
    await setDefaultProviderConfig(db, user.id, third.id);
    await deleteProviderConfig(db, user.id, third.id);
    expect(await defaults()).toEqual([first.id]);
  });

  it("answers 404 for another user's config, and changes nothing", async () => {
    const owner = await createUser("Owner");
    const intruder = await createUser("Intruder");
    const config = await createProviderConfig(db, owner.id, openAiInput());
    const notFound = { code: "not_found" };
    await expect(getProviderConfig(db, intruder.id, config.id)).rejects.toMatchObject(notFound);
    await expect(updateProviderConfig(db, intruder.id, config.id, openAiInput({ label: "Mine now" }))).rejects.toMatchObject(notFound);
    await expect(deleteProviderConfig(db, intruder.id, config.id)).rejects.toMatchObject(notFound);
    await expect(setDefaultProviderConfig(db, intruder.id, config.id)).rejects.toMatchObject(notFound);
    await expect(testProviderConfig(db, intruder.id, config.id)).rejects.toMatchObject(notFound);
    await expect(getProviderConfig(db, intruder.id, "not-a-uuid")).rejects.toMatchObject(notFound);
    expect(await listProviderConfigs(db, intruder.id)).toEqual([]);
    expect(await getProviderConfig(db, owner.id, config.id)).toMatchObject({ label: "OpenAI", isDefault: true });

    const intruderProject = await createProject(db, intruder.id, { name: "Theirs" });
    await expect(setProjectProvider(db, intruder.id, intruderProject.id, config.id)).rejects.toMatchObject(notFound);
  });

  it("resolves the project's pick, else the user's default, else null", async () => {
    const user = await createUser();
    const project = await createProject(db, user.id, { name: "Resolver" });
    expect(await resolveConnection(db, user.id, project.id)).toBeNull();

    const fallback = await createProviderConfig(db, user.id, openAiInput({ label: "Default" }));
    const picked = await createProviderConfig(db, user.id, { provider: "custom", label: "Local", defaultModel: "llama3.1", baseUrl: `${server.url}/v1` });
    expect(await resolveConnection(db, user.id, project.id)).toEqual({
      configId: fallback.id,
      connection: { provider: "openai", apiKey: CANARY, baseUrl: null, model: "gpt-4.1-mini" },
    });
    await setProjectProvider(db, user.id, project.id, picked.id);
    expect(await resolveConnection(db, user.id, project.id)).toEqual({
      configId: picked.id,
      connection: { provider: "custom", apiKey: "", baseUrl: `${server.url}/v1`, model: "llama3.1" },
    });

    const stranger = await createUser("Stranger");
    await expect(resolveConnection(db, stranger.id, project.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("deletes an unused provider (detaching projects) but refuses one with generation history", async () => {
    const user = await createUser();
    const project = await createProject(db, user.id, { name: "History" });
    const used = await createProviderConfig(db, user.id, openAiInput({ label: "Used" }));
    const unused = await createProviderConfig(db, user.id, openAiInput({ label: "Unused" }));
    await setProjectProvider(db, user.id, project.id, unused.id);
    await deleteProviderConfig(db, user.id, unused.id);
    expect((await resolveConnection(db, user.id, project.id))?.configId).toBe(used.id);

    const [stage] = await getProjectStages(db, project.id);
    await db.insert(aiGenerations).values({
      stageId: stage!.id,
      providerId: used.id,
      model: "gpt-4.1-mini",
      promptTemplate: "stage.vision.v1",
      inputTokens: 1,
      outputTokens: 1,
      totalTokens: 2,
      estimatedCost: "0.000001",
      durationMs: 5,
      status: "success",
    });
    await expect(deleteProviderConfig(db, user.id, used.id)).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/has generation history/) });
    expect(await listProviderConfigs(db, user.id)).toHaveLength(1);
  });

  it("tests a saved config against the provider: ok, and 401 in plain words", async () => {
    const user = await createUser();
    const config = await createProviderConfig(db, user.id, { provider: "anthropic", label: "Claude", apiKey: CANARY, defaultModel: "claude-test", baseUrl: server.url });
    expect(await testProviderConfig(db, user.id, config.id)).toEqual({ ok: true, model: "claude-test" });
    server.enqueue({ kind: "status", status: 401 });
    const failed = await testProviderConfig(db, user.id, config.id);
    expect(failed).toMatchObject({ ok: false, message: expect.stringMatching(/rejected the API key \(401\)/) });
    expect(JSON.stringify(failed)).not.toContain(CANARY);
  });
});

describe("key rotation", () => {
  it("re-encrypts every stored key under the new key, idempotently, in one go", async () => {
    const user = await createUser();
    const currentKey = getSecrets().encryptionKey;
    const nextKey = randomBytes(32);
    const config = await createProviderConfig(db, user.id, openAiInput());
    const [before] = await db.select().from(aiProviderConfigs).where(eq(aiProviderConfigs.id, config.id));

    const first = await rotateEncryptionKey(db, currentKey, nextKey);
    expect(first.reencrypted).toBeGreaterThanOrEqual(1);
    expect(first.total).toBe(first.reencrypted + first.skipped);
    const [after] = await db.select().from(aiProviderConfigs).where(eq(aiProviderConfigs.id, config.id));
    expect(after!.apiKeyEncrypted).toMatch(/^enc:v1:/);
    expect(decryptSecret(after!.apiKeyEncrypted, nextKey)).toBe(CANARY);
    expect(canDecryptWith(before!.apiKeyEncrypted, nextKey)).toBe(false);
    expect(canDecryptWith(after!.apiKeyEncrypted, currentKey)).toBe(false);

    const again = await rotateEncryptionKey(db, currentKey, nextKey);
    expect(again).toEqual({ total: first.total, reencrypted: 0, skipped: first.total });

    // Put everything back under the app's key so the rest of this file keeps decrypting.
    await rotateEncryptionKey(db, nextKey, currentKey);
    expect((await getProviderConfig(db, user.id, config.id)).maskedKey).toBe("sk-…8c0e");
  });

  it("changes nothing when a row decrypts under neither key", async () => {
    const user = await createUser();
    const config = await createProviderConfig(db, user.id, openAiInput());
    const stray = encryptSecret("sk-stray-000000000000000000", randomBytes(32));
    await db.update(aiProviderConfigs).set({ apiKeyEncrypted: stray }).where(eq(aiProviderConfigs.id, config.id));
    await expect(rotateEncryptionKey(db, randomBytes(32), getSecrets().encryptionKey)).rejects.toThrow(/decrypts with neither/);
    await db.delete(aiProviderConfigs).where(eq(aiProviderConfigs.id, config.id));
  });
});
