import { AlertTriangleIcon, XCircleIcon } from "lucide-react";
import type { ValidationMessage } from "@/lib/stages";

/** One validation finding as a list item: the same look on the stage page and the export pre-flight. */
export function ValidationMessageItem({ message }: { message: ValidationMessage }) {
  return (
    <li data-level={message.level} className="flex gap-2 px-4 py-2 text-sm">
      {message.level === "error" ? <XCircleIcon className="mt-0.5 size-4 shrink-0 text-destructive" aria-label="Error" /> : <AlertTriangleIcon className="mt-0.5 size-4 shrink-0 text-warning" aria-label="Warning" />}
      <span className="grid gap-0.5">
        <span>{message.message}</span>
        <span className="font-mono text-xs text-muted-foreground">
          {message.code}
          {message.path ? ` · ${message.path}` : ""}
        </span>
      </span>
    </li>
  );
}
