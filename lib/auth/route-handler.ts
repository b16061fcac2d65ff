import { AppError, errorResponse } from "../errors";
import type { SessionUser } from "./accounts";
import { requireUser } from "./session";

type RouteContext<Params> = { params: Promise<Params> };
type Handler<Params> = (input: { request: Request; user: SessionUser; params: Params }) => Promise<Response>;

/** Auth and error mapping for every route handler, written once: no session is a 401. */
export function withUser<Params = Record<string, never>>(handler: Handler<Params>) {
  return async (request: Request, context: RouteContext<Params>): Promise<Response> => {
    try {
      const user = await requireUser();
      return await handler({ request, user, params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

const DEFAULT_MAX_BODY_BYTES = 1_100_000;

/** Reads a JSON body, refusing oversize or malformed input before anything is written. */
export async function readJson(request: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("payload_too_large", `The request body is over ${maxBytes} bytes.`);
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) throw new AppError("payload_too_large", `The request body is over ${maxBytes} bytes.`);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}
