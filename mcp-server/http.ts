import { createServer as createNodeServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { Db } from "../lib/db/client";
import { AppError, toAppError } from "../lib/errors";
import { log } from "../lib/log";
import { authenticateToken, DEFAULT_TOKEN_RATE_LIMIT } from "../lib/mcp";
import type { Window } from "../lib/rate-limit";
import { createServer } from "./server";

export type HttpServerOptions = {
  db: Db;
  host: string;
  port: number;
  /** Host names (no port) a request's Host and Origin may name; loopback names are always allowed. */
  allowedHostnames?: string[];
  rateLimit?: Window;
};

export type McpHttpServer = { listen: () => Promise<string>; close: () => Promise<void> };

const LOOPBACK = ["localhost", "127.0.0.1", "[::1]"];
const MAX_BODY_BYTES = 1_048_576;

function sendError(res: ServerResponse, error: AppError, headers: Record<string, string> = {}): void {
  res.writeHead(error.status, { "content-type": "application/json", ...headers }).end(JSON.stringify(error.toBody()));
}

function hostnameOf(value: string, base: "http://" | ""): string | null {
  try {
    return new URL(base + value).hostname;
  } catch {
    return null;
  }
}

/** The token from `Authorization: Bearer <token>`; a header in any other shape counts as malformed. */
function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : "";
}

/**
 * Streamable HTTP in stateless mode: every POST gets its own McpServer and transport bound to the token it
 * carries, so no state outlives a request, instances can sit behind a load balancer, and two clients can never
 * see each other's responses. The token is checked (and rate-limited) on every request before anything runs.
 */
export function createHttpServer(options: HttpServerOptions): McpHttpServer {
  const allowed = new Set([...LOOPBACK, ...(options.allowedHostnames ?? [])].map((name) => name.toLowerCase()));
  const rateLimit = options.rateLimit ?? DEFAULT_TOKEN_RATE_LIMIT;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/health") return void res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    if (path !== "/mcp") return sendError(res, new AppError("not_found", "Not found: the MCP endpoint is /mcp."));

    // DNS-rebinding protection: a page on a foreign origin, or a foreign name resolving to us, is refused outright.
    const host = hostnameOf(req.headers.host ?? "", "http://");
    if (!host || !allowed.has(host)) return sendError(res, new AppError("forbidden", "Forbidden: unexpected Host header."));
    const origin = req.headers.origin;
    if (origin !== undefined && !allowed.has(hostnameOf(origin, "") ?? "")) return sendError(res, new AppError("forbidden", "Forbidden: requests from this origin are not allowed."));

    const ctx = await authenticateToken(options.db, bearerToken(req), rateLimit);
    if (req.method !== "POST") {
      // 405 tells MCP clients there is no server-initiated stream to open here, which they accept.
      const body = { error: { code: "method_not_allowed", message: "This server is stateless: send JSON-RPC with POST." } };
      return void res.writeHead(405, { allow: "POST", "content-type": "application/json" }).end(JSON.stringify(body));
    }

    const { server, cleanup } = createServer({ db: options.db, ctx });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true, maxRequestBodySize: MAX_BODY_BYTES });
    res.on("close", () => {
      void transport.close();
      void cleanup();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  }

  const server: Server = createNodeServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const appError = toAppError(error);
      if (res.headersSent) return void res.end();
      sendError(res, appError, appError.code === "unauthorized" ? { "www-authenticate": 'Bearer realm="specwright"' } : appError.code === "rate_limited" ? { "retry-after": "60" } : {});
    });
  });

  return {
    listen: () =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port, options.host, () => {
          const { port } = server.address() as AddressInfo;
          const host = options.host.includes(":") ? `[${options.host}]` : options.host;
          const url = `http://${host}:${port}/mcp`;
          log.info(`MCP server listening on ${url}`);
          resolve(url);
        });
      }),
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
