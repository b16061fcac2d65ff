import path from "node:path";
import { z } from "zod";

/**
 * The only reader of process.env. Parsed once, on first import; every other module asks here.
 */
const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optionalString.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  DATA_DIR: z.string().default("./.data"),
  EXPORT_DIR: optionalString,
  EMBEDDED_POSTGRES_PORT: port(54329),
  APP_URL: optionalString.pipe(z.url().optional()),
  PORT: port(3000),
  APP_SECRET: optionalString,
  AUTH_SECRET: optionalString,
  ENCRYPTION_KEY: optionalString,
  /** Only for `lib/ai/rotate-key.ts`: the key the stored API keys are encrypted with now. */
  OLD_ENCRYPTION_KEY: optionalString,
  MCP_HOST: z.string().default("127.0.0.1"),
  MCP_PORT: port(3001),
  /** The MCP server's token on stdio, where there is no Authorization header. */
  SPECWRIGHT_TOKEN: optionalString,
  GITHUB_ID: optionalString,
  GITHUB_SECRET: optionalString,
  GOOGLE_ID: optionalString,
  GOOGLE_SECRET: optionalString,
  AI_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(180),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});

export type Env = z.infer<typeof envSchema>;

function parseEnv(): Env {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment configuration:\n${problems.join("\n")}`);
  }
  return parsed.data;
}

export const env = parseEnv();

export const dataDir = path.resolve(/* turbopackIgnore: true */ env.DATA_DIR);
export const exportDir = path.resolve(/* turbopackIgnore: true */ env.EXPORT_DIR ?? path.join(dataDir, "exports"));
export const isProduction = env.NODE_ENV === "production";

/** Secrets as configured; lib/secrets.ts fills the gaps in development. */
export const configuredSecrets = {
  appSecret: env.APP_SECRET ?? env.AUTH_SECRET,
  encryptionKey: env.ENCRYPTION_KEY,
};

export const oauth = {
  github: env.GITHUB_ID && env.GITHUB_SECRET ? { clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET } : undefined,
  google: env.GOOGLE_ID && env.GOOGLE_SECRET ? { clientId: env.GOOGLE_ID, clientSecret: env.GOOGLE_SECRET } : undefined,
};

/**
 * next-auth v4 reads its own base URL from process.env. Behind a configured APP_URL we pin it;
 * otherwise (self-hosted, any port) it trusts the Host header the request came in on.
 */
export function configureNextAuthEnvironment(): void {
  if (env.APP_URL) process.env.NEXTAUTH_URL = env.APP_URL;
  else process.env.AUTH_TRUST_HOST = "true";
}
