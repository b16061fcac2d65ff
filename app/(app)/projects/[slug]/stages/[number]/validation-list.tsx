import { AlertTriangleIcon, CheckCircle2Icon, XCircleIcon } from "lucide-react";
import type { ValidationMessage } from "@/lib/stages";

/** Errors first, then warnings; the same {level, code, message, path} shape the export and MCP use. */
export function ValidationList({ messages, title }: { messages: ValidationMessage[]; title: string }) {
  const sorted = [...messages].sort((a, b) => (a.level === b.level ? 0 : a.level === "error" ? -1 : 1));
  return (
    <section aria-label={title} className="rounded-lg border bg-card">
      <h3 className="flex items-center justify-between border-b px-4 py-2 text-sm font-medium">
        {title}
        <span className="text-xs text-muted-foreground">
          {messages.filter((m) => m.level === "error").length} errors · {messages.filter((m) => m.level === "warning").length} warnings
        </span>
      </h3>
      {sorted.length === 0 ? (
        <p className="flex items-center gap-2 px-4 py-3 text-sm text-muted-foreground">
          <CheckCircle2Icon className="size-4 text-success" aria-hidden /> No problems found.
        </p>
      ) : (
        <ul className="max-h-64 divide-y overflow-y-auto">
          {sorted.map((message, index) => (
            <li key={`${message.code}-${message.path}-${index}`} data-level={message.level} className="flex gap-2 px-4 py-2 text-sm">
              {message.level === "error" ? <XCircleIcon className="mt-0.5 size-4 shrink-0 text-destructive" aria-label="Error" /> : <AlertTriangleIcon className="mt-0.5 size-4 shrink-0 text-warning" aria-label="Warning" />}
              <span className="grid gap-0.5">
                <span>{message.message}</span>
                <span className="font-mono text-xs text-muted-foreground">
                  {message.code}
                  {message.path ? ` · ${message.path}` : ""}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
