import { env } from "./env";

const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = Exclude<keyof typeof levels, "silent">;

function write(level: Level, message: string, fields?: Record<string, unknown>): void {
  if (levels[level] < levels[env.LOG_LEVEL]) return;
  const line = fields ? `${message} ${JSON.stringify(fields)}` : message;
  (level === "error" || level === "warn" ? console.error : console.log)(`[specwright] ${level} ${line}`);
}

/** Never pass secrets, keys or raw request bodies here: log lines are kept. */
export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
