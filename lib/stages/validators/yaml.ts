import { validate } from "@readme/openapi-parser";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import { z } from "zod";
import {
  describePosition,
  error,
  formatLineCol,
  toPointer,
  warning,
  type LineCol,
  type PathSegment,
  type ValidationMessage,
} from "./messages";
import { isRecord, issueMessage } from "./schema-issues";

export type ApiOperation = { method: string; path: string; operationId?: string; summary?: string; tags: string[] };
/** `entities` are the component schemas that describe stored things (objects not named like a request, response or error). */
export type OpenApiData = { openapi: string; title: string; operations: ApiOperation[]; schemas: string[]; entities: string[] };
export type CliData = { cli: string; commands: string[] };

export type YamlValidation = { messages: ValidationMessage[]; data: OpenApiData | CliData | null };

const text = z.string().trim().min(1, { error: "must not be empty" });

const cliSchema = z.object({
  name: text,
  description: text,
  // YAML reads `version: 1.0` as a number; accept it rather than make people quote it.
  version: z.union([z.string(), z.number()]).transform(String).optional(),
  commands: z.array(
    z.object({
      name: text,
      description: text,
      usage: z.string().optional(),
      args: z.array(z.object({ name: text, description: text, required: z.boolean().optional() })).optional(),
      options: z
        .array(
          z.object({
            name: z.string().regex(/^--[A-Za-z0-9][\w-]*$/, { error: 'must look like "--flag"' }),
            alias: z.string().optional(),
            description: text,
            type: z.string().optional(),
            default: z.unknown().optional(),
          }),
        )
        .optional(),
      examples: z.array(z.string()).optional(),
    }),
  ),
});

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
const NOT_AN_ENTITY = /(Request|Response|Input|Payload|Params|Error|Problem|Page)$/;

type ParsedYaml = { value: unknown; locate: (path: readonly PathSegment[]) => LineCol };

export async function validateYamlStage(stage: number, content: string, variant?: "cli"): Promise<YamlValidation> {
  const parsed = parseYaml(stage, content);
  if ("failures" in parsed) return { messages: parsed.failures, data: null };
  return variant === "cli" ? validateCli(stage, parsed) : validateOpenApi(stage, parsed);
}

function parseYaml(stage: number, content: string): ParsedYaml | { failures: ValidationMessage[] } {
  const lineCounter = new LineCounter();
  // Code frames from prettyErrors would duplicate the position we already report as line:col.
  const document = parseDocument(content, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    return {
      failures: document.errors.map((problem) => {
        const position = lineCounter.linePos(problem.pos[0]);
        return error(
          stage,
          "yaml_syntax",
          `YAML syntax error at ${describePosition(position)}: ${problem.message}`,
          formatLineCol(position),
        );
      }),
    };
  }
  try {
    // The JSON round trip gives the plain data the OpenAPI validator expects, and rejects alias cycles it could not walk.
    const value: unknown = JSON.parse(JSON.stringify(document.toJS() ?? null));
    return { value, locate: (path) => locateInYaml(document, lineCounter, path) };
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return { failures: [error(stage, "yaml_syntax", `The YAML could not be read as data: ${reason}.`)] };
  }
}

/** Position of the deepest node that exists along `path`, so errors about missing keys point at their parent. */
function locateInYaml(document: Document, lineCounter: LineCounter, path: readonly PathSegment[]): LineCol {
  let node: unknown = document.contents;
  let offset = document.contents?.range?.[0] ?? 0;
  for (const segment of path) {
    let next: unknown;
    if (isMap(node)) {
      next = node.items.find((pair) => String(isScalar(pair.key) ? pair.key.value : pair.key) === String(segment))?.value;
    } else if (isSeq(node)) {
      next = node.items[Number(segment)];
    }
    if (!isMap(next) && !isSeq(next) && !isScalar(next)) break;
    node = next;
    offset = next.range?.[0] ?? offset;
  }
  return lineCounter.linePos(offset);
}

function withPosition(message: ValidationMessage, parsed: ParsedYaml, path: readonly PathSegment[]): ValidationMessage {
  return { ...message, message: `${message.message.replace(/\.$/, "")} (${describePosition(parsed.locate(path))}).` };
}

function validateCli(stage: number, parsed: ParsedYaml): YamlValidation {
  const result = cliSchema.safeParse(parsed.value);
  if (!result.success) {
    const messages = result.error.issues.map((issue) =>
      withPosition(
        issueMessage(stage, issue, parsed.value),
        parsed,
        issue.path.filter((segment): segment is PathSegment => typeof segment !== "symbol"),
      ),
    );
    return { messages, data: null };
  }

  const messages: ValidationMessage[] = [];
  if (result.data.commands.length === 0) {
    messages.push(error(stage, "empty", "The command spec defines no commands; add at least one.", "/commands"));
  }
  const firstIndex = new Map<string, number>();
  result.data.commands.forEach((command, index) => {
    const first = firstIndex.get(command.name);
    if (first === undefined) {
      firstIndex.set(command.name, index);
      return;
    }
    messages.push(
      withPosition(
        error(
          stage,
          "duplicate_command",
          `Command "${command.name}" is defined more than once (entries ${first + 1} and ${index + 1} of commands); command names must be unique.`,
          toPointer(["commands", index, "name"]),
        ),
        parsed,
        ["commands", index, "name"],
      ),
    );
  });
  return { messages, data: { cli: result.data.name, commands: result.data.commands.map((command) => command.name) } };
}

async function validateOpenApi(stage: number, parsed: ParsedYaml): Promise<YamlValidation> {
  const document = parsed.value;
  const version = isRecord(document) ? document.openapi : undefined;
  if (!isRecord(document) || typeof version !== "string" || !/^3\.[01]\.\d+$/.test(version)) {
    const found = !isRecord(document)
      ? "the document is not a mapping"
      : typeof document.swagger === "string"
        ? `it is Swagger ${document.swagger}`
        : version === undefined
          ? 'there is no "openapi" field'
          : `"openapi" is ${JSON.stringify(version)}`;
    return {
      messages: [
        error(stage, "openapi_version", `The API contract must be an OpenAPI 3.0 or 3.1 document (openapi: 3.1.0), but ${found}.`, "/openapi"),
      ],
      data: null,
    };
  }

  // validate() dereferences the object it is given in place; the copy it leaves behind is what its code frames print.
  // The cast only satisfies validate()'s generic document type; checking that shape is exactly what validate() is for.
  const checked = structuredClone(document) as Parameters<typeof validate>[0];
  const messages: ValidationMessage[] = [];
  try {
    // External $refs stay off: a spec must not make the server fetch URLs or read files.
    const result = await validate(checked, { resolve: { external: false }, validate: { errors: { colorize: false } } });
    if (!result.valid) messages.push(...result.errors.map((problem) => openApiMessage(stage, problem.message, checked, parsed)));
    for (const problem of result.warnings) messages.push(warning(stage, "openapi_warning", `OpenAPI: ${problem.message}`));
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    messages.push(error(stage, "openapi_invalid", `The OpenAPI document could not be validated: ${reason}`));
  }
  return { messages, data: summarizeOpenApi(version, document) };
}

/**
 * The validator reports schema errors as a title plus a code frame of `JSON.stringify(document, null, 2)`;
 * the frame's marked line is how we recover the JSON pointer (and from it the YAML position) of the error.
 */
function openApiMessage(stage: number, report: string, checked: unknown, parsed: ParsedYaml): ValidationMessage {
  const [title = report] = report.split("\n");
  const markedLine = /^>\s*(\d+) \|/m.exec(report);
  const path = markedLine ? pathAtJsonLine(checked, Number(markedLine[1])) : null;
  if (path === null) return error(stage, "openapi_invalid", `OpenAPI: ${title}`);
  // "TYPE must be object" → "must be object"; the upper-case keyword only repeats what follows.
  const detail = title.replace(/^[A-Z][A-Z ]*[A-Z] (?=[a-z])/, "");
  const where = path.length === 0 ? "the top level" : toPointer(path);
  return withPosition(
    error(stage, "openapi_invalid", `OpenAPI document is invalid at ${where}: ${detail}`, toPointer(path)),
    parsed,
    path,
  );
}

/** The path whose text starts on `line` of `JSON.stringify(value, null, 2)`, or null when the layouts disagree. */
function pathAtJsonLine(value: unknown, line: number): PathSegment[] | null {
  const lines: PathSegment[][] = [];
  const walk = (node: unknown, path: PathSegment[]) => {
    lines.push(path);
    const entries: [PathSegment, unknown][] = Array.isArray(node)
      ? node.map((item, index) => [index, item])
      : isRecord(node)
        ? Object.entries(node).filter(([, item]) => item !== undefined)
        : [];
    if (entries.length === 0) return;
    for (const [key, item] of entries) walk(item, [...path, key]);
    lines.push(path);
  };
  try {
    walk(value, []);
    if (lines.length !== JSON.stringify(value, null, 2).split("\n").length) return null;
  } catch {
    // A document nested deeper than the stack allows still gets its message, only without a path.
    return null;
  }
  return lines[line - 1] ?? null;
}

function summarizeOpenApi(version: string, document: Record<string, unknown>): OpenApiData {
  const info = isRecord(document.info) ? document.info : {};
  const paths = isRecord(document.paths) ? document.paths : {};
  const components = isRecord(document.components) ? document.components : {};
  const operations: ApiOperation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!isRecord(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isRecord(operation)) continue;
      operations.push({
        method: method.toUpperCase(),
        path,
        ...(typeof operation.operationId === "string" ? { operationId: operation.operationId } : {}),
        ...(typeof operation.summary === "string" ? { summary: operation.summary } : {}),
        tags: Array.isArray(operation.tags) ? operation.tags.filter((tag): tag is string => typeof tag === "string") : [],
      });
    }
  }
  const schemas = isRecord(components.schemas) ? components.schemas : {};
  const entities = Object.entries(schemas).flatMap(([name, schema]) =>
    isRecord(schema) && (schema.type === "object" || isRecord(schema.properties)) && !NOT_AN_ENTITY.test(name) ? [name] : [],
  );
  return {
    openapi: version,
    title: typeof info.title === "string" ? info.title : "",
    operations,
    schemas: Object.keys(schemas),
    entities,
  };
}
