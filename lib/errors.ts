import { ZodError, z } from "zod";
import { log } from "./log";

const statusByCode = {
  bad_request: 400,
  unauthorized: 401,
  budget_exceeded: 402,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  validation: 422,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof statusByCode;
export type FieldErrors = Record<string, string[]>;

export type ErrorBody = { error: { code: ErrorCode; message: string; fieldErrors?: FieldErrors } };

/** The one error type the product throws on purpose; everything else is a bug and answers 500. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return statusByCode[this.code];
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.fieldErrors ? { fieldErrors: this.fieldErrors } : {}) } };
  }

  toResponse(): Response {
    return Response.json(this.toBody(), { status: this.status });
  }
}

export function fieldErrorsOf(error: ZodError): FieldErrors {
  const flattened = z.flattenError(error);
  const fields: FieldErrors = { ...flattened.fieldErrors } as FieldErrors;
  if (flattened.formErrors.length > 0) fields._form = flattened.formErrors;
  return fields;
}

/** Maps anything thrown to an AppError; unknown errors are logged with their cause and hidden. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return new AppError("validation", "Some fields are invalid.", fieldErrorsOf(error));
  log.error("unexpected error", { error: error instanceof Error ? (error.stack ?? error.message) : String(error), cause: describeCause(error) });
  return new AppError("internal", "Something went wrong on our side. Please try again.");
}

function describeCause(error: unknown): string | undefined {
  const cause = error instanceof Error ? error.cause : undefined;
  return cause === undefined ? undefined : cause instanceof Error ? cause.message : String(cause);
}

export function errorResponse(error: unknown): Response {
  return toAppError(error).toResponse();
}

/** Parses untrusted input with a schema; failure is a 422 carrying field messages. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("validation", "Some fields are invalid.", fieldErrorsOf(parsed.error));
  return parsed.data;
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found.`);
