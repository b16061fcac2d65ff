import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { Db } from "../../lib/db/client";
import { AppError, toAppError } from "../../lib/errors";
import type { SpecContext } from "../../lib/mcp";

/** What every tool needs: the database and the context the session's token fixed. */
export type ToolDeps = { db: Db; ctx: SpecContext };

/**
 * Runs a tool's work and answers with compact JSON. Expected failures (unknown id, bad status) come back
 * as tool errors the agent can read and correct; anything else is logged and reported without internals.
 */
export async function toolResult(work: () => Promise<unknown>): Promise<CallToolResult> {
  try {
    return { content: [{ type: "text", text: JSON.stringify(await work()) }] };
  } catch (error) {
    const appError = error instanceof AppError ? error : toAppError(error);
    return { content: [{ type: "text", text: appError.message }], isError: true };
  }
}
