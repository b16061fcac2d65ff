import type { OpenApiData } from "@/lib/stages/validators";
import { cn } from "@/app/_components/ui/cn";
import { groupEndpoints } from "./sources";

const METHOD_COLORS: Record<string, string> = {
  GET: "bg-green-100 text-green-800",
  POST: "bg-blue-100 text-blue-800",
  PUT: "bg-amber-100 text-amber-800",
  PATCH: "bg-amber-100 text-amber-800",
  DELETE: "bg-red-100 text-red-800",
};

/** The API's operations grouped by tag, each with its method, path, summary and operationId. */
export function EndpointList({ data }: { data: OpenApiData }) {
  const groups = groupEndpoints(data);
  if (groups.length === 0) return <p className="text-sm text-muted-foreground">The API defines no endpoints yet.</p>;

  return (
    <div className="grid gap-6">
      {groups.map((group) => (
        <section key={group.tag} className="grid gap-2">
          <h3 className="flex items-baseline gap-2 text-sm font-semibold">
            {group.tag}
            <span className="font-normal text-muted-foreground">
              {group.operations.length} {group.operations.length === 1 ? "endpoint" : "endpoints"}
            </span>
          </h3>
          <ul className="divide-y rounded-md border">
            {group.operations.map((operation) => (
              <li
                key={`${operation.method} ${operation.path}`}
                className="grid grid-cols-[4.5rem_1fr] items-baseline gap-x-3 gap-y-0.5 px-3 py-2 text-sm sm:grid-cols-[4.5rem_minmax(0,1fr)_minmax(0,1fr)_auto]"
              >
                <span
                  className={cn(
                    "justify-self-start rounded px-1.5 py-0.5 font-mono text-xs font-semibold",
                    METHOD_COLORS[operation.method] ?? "bg-muted text-muted-foreground",
                  )}
                >
                  {operation.method}
                </span>
                <code className="font-mono break-all">{operation.path}</code>
                <span className="col-start-2 sm:col-start-auto">{operation.summary}</span>
                {operation.operationId !== undefined && (
                  <code className="col-start-2 font-mono text-xs text-muted-foreground sm:col-start-auto">
                    {operation.operationId}
                  </code>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
