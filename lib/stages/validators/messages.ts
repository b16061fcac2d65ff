export type ValidationLevel = "error" | "warning";

/** One finding about a stage output; the same shape is shown in the UI, the export and over MCP. */
export type ValidationMessage = {
  level: ValidationLevel;
  stage: number;
  code: string;
  message: string;
  path: string;
};

export type PathSegment = string | number;

/** RFC 6901 pointer, so "/paths/~1tasks/get" addresses the same node a JSON Schema tool would. */
export function toPointer(segments: readonly PathSegment[]): string {
  return segments.map((segment) => "/" + String(segment).replaceAll("~", "~0").replaceAll("/", "~1")).join("");
}

export type LineCol = { line: number; col: number };

/** 1-based line and column of a UTF-16 offset: the unit of JavaScript strings, JSON.parse and the CodeMirror editor. */
export function lineColAt(text: string, offset: number): LineCol {
  const clamped = Math.max(0, Math.min(offset, text.length));
  const before = text.slice(0, clamped);
  const lastBreak = before.lastIndexOf("\n");
  let line = 1;
  for (let i = before.indexOf("\n"); i !== -1; i = before.indexOf("\n", i + 1)) line++;
  return { line, col: clamped - lastBreak };
}

/** The `path` form of a position. */
export function formatLineCol({ line, col }: LineCol): string {
  return `${line}:${col}`;
}

/** The prose form of a position, for messages. */
export function describePosition({ line, col }: LineCol): string {
  return `line ${line}, column ${col}`;
}

export function error(stage: number, code: string, message: string, path = ""): ValidationMessage {
  return { level: "error", stage, code, message, path };
}

export function warning(stage: number, code: string, message: string, path = ""): ValidationMessage {
  return { level: "warning", stage, code, message, path };
}
