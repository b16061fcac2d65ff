import { env } from "../env";

/**
 * Where agents reach the MCP server: APP_URL's host on MCP_PORT when the app has a public address,
 * otherwise MCP_HOST:MCP_PORT (a wildcard bind address is not something a client can dial, so it becomes localhost).
 */
export function serverUrl(): string {
  if (env.APP_URL) {
    const app = new URL(env.APP_URL);
    return `${app.protocol}//${app.hostname}:${env.MCP_PORT}/mcp`;
  }
  const host = env.MCP_HOST === "0.0.0.0" || env.MCP_HOST === "::" ? "localhost" : env.MCP_HOST.includes(":") ? `[${env.MCP_HOST}]` : env.MCP_HOST;
  return `http://${host}:${env.MCP_PORT}/mcp`;
}
