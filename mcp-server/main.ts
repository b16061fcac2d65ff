// `npm run mcp` serves Streamable HTTP on MCP_HOST:MCP_PORT; `npm run mcp -- --stdio` serves one agent on stdio.
import { boot } from "../lib/boot";
import { db } from "../lib/db/client";
import { env } from "../lib/env";
import { log } from "../lib/log";
import { createHttpServer } from "./http";
import { runStdio } from "./stdio";

const stdio = process.argv.includes("--stdio");

// On stdio, stdout carries the protocol: every log line goes to stderr instead.
if (stdio) console.log = console.error;

async function main(): Promise<void> {
  await boot();
  if (stdio) return runStdio(db, env.SPECWRIGHT_TOKEN);

  const appHost = env.APP_URL ? new URL(env.APP_URL).hostname : undefined;
  const server = createHttpServer({
    db,
    host: env.MCP_HOST,
    port: env.MCP_PORT,
    allowedHostnames: [env.MCP_HOST, ...(appHost ? [appHost] : [])],
  });
  await server.listen();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void server.close().finally(() => db.$client.end({ timeout: 5 }).finally(() => process.exit(0)));
    });
  }
}

main().catch((error: unknown) => {
  log.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
