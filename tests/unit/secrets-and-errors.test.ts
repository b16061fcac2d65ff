// Secrets: generated once into the data folder in development, required in production; errors: one AppError table, zod → 422, unknown → a logged, generic 500.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, errorResponse, parseInput } from "@/lib/errors";

function getSecretsIn(env: Record<string, string>) {
  const script = 'import("./lib/secrets.ts").then(({ getSecrets }) => { const s = getSecrets(); console.log(JSON.stringify({ app: s.appSecret, key: s.encryptionKey.toString("base64") })); })';
  const { DATABASE_URL: _unused, APP_SECRET: _a, AUTH_SECRET: _b, ENCRYPTION_KEY: _c, ...inherited } = process.env;
  return spawnSync("npx", ["tsx", "-e", script], { env: { ...inherited, LOG_LEVEL: "silent", ...env }, encoding: "utf8" });
}

describe("secrets", () => {
  it("generates development secrets once into the data folder and reuses them", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "specwright-secrets-"));
    const first = getSecretsIn({ NODE_ENV: "development", DATA_DIR: dataDir });
    const second = getSecretsIn({ NODE_ENV: "development", DATA_DIR: dataDir });
    expect(first.status).toBe(0);
    expect(first.stdout).toBe(second.stdout);
    const stored = JSON.parse(readFileSync(path.join(dataDir, "secrets.json"), "utf8")) as { appSecret: string; encryptionKey: string };
    expect(Buffer.from(stored.encryptionKey, "base64")).toHaveLength(32);
    expect(JSON.parse(first.stdout)).toEqual({ app: stored.appSecret, key: stored.encryptionKey });
  });

  it("refuses to start in production without APP_SECRET and ENCRYPTION_KEY", () => {
    const result = getSecretsIn({ NODE_ENV: "production", DATA_DIR: mkdtempSync(path.join(tmpdir(), "specwright-secrets-")) });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("APP_SECRET (or AUTH_SECRET) and ENCRYPTION_KEY must be set in production");
  });

  it("rejects an ENCRYPTION_KEY that is not 32 bytes", () => {
    const result = getSecretsIn({ NODE_ENV: "production", APP_SECRET: "x".repeat(40), ENCRYPTION_KEY: Buffer.alloc(16).toString("base64") });
    expect(result.stderr).toContain("ENCRYPTION_KEY must be 32 bytes");
  });
});

describe("errors", () => {
  it("maps codes to statuses with a JSON body", async () => {
    const response = new AppError("conflict", "Cannot approve stage 2.").toResponse();
    expect(response.status).toBe(409);
    await expect(response.json()).resolves.toEqual({ error: { code: "conflict", message: "Cannot approve stage 2." } });
    expect(new AppError("not_found", "x").status).toBe(404);
    expect(new AppError("rate_limited", "x").status).toBe(429);
    expect(new AppError("payload_too_large", "x").status).toBe(413);
  });

  it("answers invalid input with 422 and field messages", async () => {
    const schema = z.object({ name: z.string().min(1, "Give it a name.") });
    let thrown: unknown;
    try {
      parseInput(schema, { name: "" });
    } catch (error) {
      thrown = error;
    }
    const response = errorResponse(thrown);
    expect(response.status).toBe(422);
    await expect(response.json()).resolves.toMatchObject({ error: { code: "validation", fieldErrors: { name: ["Give it a name."] } } });
    expect(errorResponse(schema.safeParse({}).error).status).toBe(422);
  });

  it("logs an unknown error with its cause and answers a generic 500 that leaks nothing", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const response = errorResponse(new Error("connection to 10.0.0.5 refused", { cause: new Error("ECONNREFUSED") }));
    expect(response.status).toBe(500);
    const body = JSON.stringify(await response.json());
    expect(body).not.toContain("10.0.0.5");
    expect(body).toContain("Something went wrong");
    expect(logged.mock.calls.flat().join(" ")).toContain("ECONNREFUSED");
    logged.mockRestore();
  });
});
