import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import type { Db } from "../lib/db/client";
import { toAppError } from "../lib/errors";
import { authenticateToken, type TokenContext } from "../lib/mcp";
import { createServer } from "./server";

/**
 * One agent on stdin/stdout with the token from SPECWRIGHT_TOKEN. The token is checked at start (a bad one exits
 * before anything is served) and again on every message, so revoking or expiring it cuts a running agent off too.
 */
export async function runStdio(db: Db, token: string | undefined): Promise<void> {
  const ctx: TokenContext = await authenticateToken(db, token);
  const { server, cleanup } = createServer({ db, ctx });
  const transport = new StdioServerTransport();
  await server.connect(transport);

  const deliver = transport.onmessage;
  // Messages are checked one after another so the server still sees them in the order they arrived.
  let queue = Promise.resolve();
  transport.onmessage = (message: JSONRPCMessage) => {
    queue = queue.then(async () => {
      try {
        await authenticateToken(db, token);
      } catch (error) {
        if ("id" in message && "method" in message) {
          await transport.send({ jsonrpc: "2.0", id: message.id, error: { code: -32001, message: toAppError(error).message } });
        }
        return;
      }
      deliver?.(message);
    });
  };
  transport.onclose = () => void cleanup();
}
