import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { configuredSecrets, dataDir, isProduction } from "./env";

export type Secrets = { appSecret: string; encryptionKey: Buffer };

const storedSecretsSchema = z.object({ appSecret: z.string().min(32), encryptionKey: z.string() });

function decodeEncryptionKey(value: string, source: string): Buffer {
  const key = Buffer.from(value, "base64");
  if (key.length !== 32) throw new Error(`${source} must be 32 bytes, base64-encoded (got ${key.length} bytes).`);
  return key;
}

/** Development only: secrets generated once into the data folder and reused on every start. */
function developmentSecrets(): { appSecret: string; encryptionKey: string } {
  const file = path.join(dataDir, "secrets.json");
  try {
    return storedSecretsSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`Unreadable ${file}; delete it to regenerate.`, { cause: error });
  }
  const generated = { appSecret: randomBytes(32).toString("base64url"), encryptionKey: randomBytes(32).toString("base64") };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(generated, null, 2), { mode: 0o600, flag: "wx" });
  return generated;
}

let cached: Secrets | undefined;

/** In production both secrets must be configured; the app refuses to start otherwise. */
export function getSecrets(): Secrets {
  if (cached) return cached;
  const { appSecret, encryptionKey } = configuredSecrets;
  if (isProduction && (!appSecret || !encryptionKey)) {
    throw new Error("APP_SECRET (or AUTH_SECRET) and ENCRYPTION_KEY must be set in production. Generate each with: openssl rand -base64 32");
  }
  const fallback = appSecret && encryptionKey ? undefined : developmentSecrets();
  const resolvedAppSecret = appSecret ?? fallback!.appSecret;
  if (resolvedAppSecret.length < 32) throw new Error("APP_SECRET must be at least 32 characters.");
  cached = {
    appSecret: resolvedAppSecret,
    encryptionKey: decodeEncryptionKey(encryptionKey ?? fallback!.encryptionKey, encryptionKey ? "ENCRYPTION_KEY" : "the generated encryption key"),
  };
  return cached;
}
