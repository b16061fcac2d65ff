import { CheckCircle2Icon } from "lucide-react";
import type { ValidationMessage } from "@/lib/stages";
import { ValidationMessageItem } from "../../validation-message";

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
            <ValidationMessageItem key={`${message.code}-${message.path}-${index}`} message={message} />
          ))}
        </ul>
      )}
    </section>
  );
}
