"use client";

import type { Mermaid } from "mermaid";
import { useEffect, useId, useState, type ReactNode } from "react";
import { cn } from "@/app/_components/ui/cn";

let loading: Promise<Mermaid> | null = null;
let renders = 0;

/** Mermaid is large and needs the DOM, so it is fetched on first use in the browser and configured exactly once. */
function loadMermaid(): Promise<Mermaid> {
  loading ??= import("mermaid").then(
    ({ default: mermaid }) => {
      mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "neutral", suppressErrorRendering: true });
      return mermaid;
    },
    (cause: unknown) => {
      loading = null; // a failed chunk load (offline, new deploy) may succeed on the next diagram
      throw cause;
    },
  );
  return loading;
}

type Rendered = { source: string; svg: string } | { source: string; failed: true };

/**
 * Draws mermaid `source` as SVG. While mermaid loads and lays out the diagram a skeleton holds the space; when the source
 * does not render, `fallback` (the same information as plain HTML) is shown instead.
 */
export function MermaidDiagram({
  source,
  label,
  fallback,
  className,
}: {
  source: string;
  label: string;
  fallback?: ReactNode;
  className?: string;
}) {
  const baseId = `mermaid-${useId().replace(/[^A-Za-z0-9]/g, "")}`;
  const [rendered, setRendered] = useState<Rendered | null>(null);

  useEffect(() => {
    let current = true;
    // Every call gets a fresh id: mermaid builds the SVG in a temporary element with that id, and Strict Mode or a quick
    // source change can start a second render before the first is done.
    const id = `${baseId}-${++renders}`;
    loadMermaid()
      .then((mermaid) => mermaid.render(id, source))
      .then(
        ({ svg }) => {
          if (current) setRendered({ source, svg });
        },
        () => {
          if (current) setRendered({ source, failed: true });
        },
      );
    return () => {
      current = false;
    };
  }, [baseId, source]);

  // A result for an older source is stale: show the skeleton until the new one is drawn.
  const result = rendered?.source === source ? rendered : null;

  if (result !== null && "failed" in result) {
    return (
      <div className={cn("grid gap-2", className)}>
        <p className="text-sm text-muted-foreground">The diagram could not be drawn; here is the same information as a list.</p>
        {fallback ?? (
          <pre className="overflow-x-auto rounded-md bg-muted p-3 font-mono text-xs">
            <code>{source}</code>
          </pre>
        )}
      </div>
    );
  }

  return (
    <div
      role="img"
      aria-label={label}
      aria-busy={result === null}
      className={cn("overflow-x-auto rounded-md border bg-card p-4 [&_svg]:mx-auto [&_svg]:h-auto", className)}
    >
      {result === null ? (
        <div className="grid gap-3" aria-hidden="true">
          <div className="h-4 w-1/3 animate-pulse rounded bg-muted" />
          <div className="h-40 animate-pulse rounded-md bg-muted" />
        </div>
      ) : (
        // mermaid's strict security level already runs the SVG through DOMPurify and drops scripts and event handlers.
        <div dangerouslySetInnerHTML={{ __html: result.svg }} />
      )}
    </div>
  );
}
