"use client";

import { diffLines } from "diff";
import { HistoryIcon, LoaderCircleIcon, RotateCcwIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import type { VersionSummary } from "@/lib/stages";
import { Button } from "../../../../../_components/ui/button";
import { cn } from "../../../../../_components/ui/cn";
import { revertAction, versionAction } from "./actions";

type Target = { projectId: string; stageNumber: number };
type Row = { left: string | null; right: string | null; kind: "same" | "removed" | "added" | "changed" };

/** Aligns a line diff into side-by-side rows: removals on the left, additions on the right. */
function sideBySide(before: string, after: string): Row[] {
  const rows: Row[] = [];
  const parts = diffLines(before, after);
  for (let index = 0; index < parts.length; index += 1) {
    const part = parts[index]!;
    const lines = part.value.replace(/\n$/, "").split("\n");
    if (!part.added && !part.removed) {
      rows.push(...lines.map((line) => ({ left: line, right: line, kind: "same" as const })));
    } else if (part.removed && parts[index + 1]?.added) {
      const added = parts[index + 1]!.value.replace(/\n$/, "").split("\n");
      for (let line = 0; line < Math.max(lines.length, added.length); line += 1) rows.push({ left: lines[line] ?? null, right: added[line] ?? null, kind: "changed" });
      index += 1;
    } else if (part.removed) {
      rows.push(...lines.map((line) => ({ left: line, right: null, kind: "removed" as const })));
    } else {
      rows.push(...lines.map((line) => ({ left: null, right: line, kind: "added" as const })));
    }
  }
  return rows;
}

const timeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export function VersionHistory({ target, versions, canRevert }: { target: Target; versions: VersionSummary[]; canRevert: boolean }) {
  const router = useRouter();
  const [left, setLeft] = useState(versions[1]?.version ?? versions[0]?.version ?? 0);
  const [right, setRight] = useState(versions[0]?.version ?? 0);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [pending, startTransition] = useTransition();

  if (versions.length === 0) {
    return <p className="rounded-lg border bg-card p-6 text-sm text-muted-foreground">No versions yet. Saving creates version 1.</p>;
  }

  function compare() {
    startTransition(async () => {
      const [a, b] = await Promise.all([versionAction(target, left), versionAction(target, right)]);
      if (a.status === "success" && b.status === "success") setRows(sideBySide(a.data.content, b.data.content));
      else toast.error(a.status === "error" ? a.message : b.status === "error" ? b.message : "Could not load the versions.");
    });
  }

  function revert(version: number) {
    startTransition(async () => {
      const result = await revertAction(target, version);
      if (result.status === "success") {
        toast.success(`Version ${version} is active again`);
        router.refresh();
      } else if (result.status === "error") toast.error(result.message);
    });
  }

  return (
    <div className="grid gap-4">
      <table className="w-full overflow-hidden rounded-lg border bg-card text-sm">
        <caption className="sr-only">Versions</caption>
        <thead className="bg-muted/50 text-left text-xs text-muted-foreground">
          <tr>
            <th className="px-3 py-2">Version</th>
            <th className="px-3 py-2">By</th>
            <th className="px-3 py-2">Saved</th>
            <th className="px-3 py-2 text-center">A</th>
            <th className="px-3 py-2 text-center">B</th>
            <th className="px-3 py-2" />
          </tr>
        </thead>
        <tbody className="divide-y">
          {versions.map((version) => (
            <tr key={version.version} data-version={version.version}>
              <td className="px-3 py-2 font-medium">
                v{version.version} {version.isActive ? <span className="ml-1 text-xs text-primary">active</span> : null}
              </td>
              <td className="px-3 py-2">{version.generatedBy === "ai" ? "AI" : "You"}</td>
              <td className="px-3 py-2 text-muted-foreground">{timeFormat.format(new Date(version.createdAt))}</td>
              <td className="px-3 py-2 text-center">
                <input type="radio" name="diff-a" aria-label={`Compare from version ${version.version}`} checked={left === version.version} onChange={() => setLeft(version.version)} />
              </td>
              <td className="px-3 py-2 text-center">
                <input type="radio" name="diff-b" aria-label={`Compare to version ${version.version}`} checked={right === version.version} onChange={() => setRight(version.version)} />
              </td>
              <td className="px-3 py-2 text-right">
                {!version.isActive && canRevert ? (
                  <Button size="sm" variant="outline" onClick={() => revert(version.version)} disabled={pending}>
                    <RotateCcwIcon /> Revert to v{version.version}
                  </Button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div>
        <Button variant="secondary" onClick={compare} disabled={pending || versions.length < 2}>
          {pending ? <LoaderCircleIcon className="animate-spin" /> : <HistoryIcon />} Compare v{left} with v{right}
        </Button>
      </div>
      {rows ? (
        <div className="overflow-x-auto rounded-lg border bg-card" role="region" aria-label={`Differences between version ${left} and version ${right}`}>
          <table className="w-full font-mono text-xs">
            <thead className="bg-muted/50 text-left text-muted-foreground">
              <tr>
                <th className="w-1/2 px-3 py-1.5">v{left}</th>
                <th className="w-1/2 px-3 py-1.5">v{right}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={index} data-kind={row.kind}>
                  <td className={cn("px-3 py-0.5 align-top whitespace-pre-wrap", row.left !== null && row.kind !== "same" && "bg-destructive/10")}>{row.left ?? ""}</td>
                  <td className={cn("px-3 py-0.5 align-top whitespace-pre-wrap", row.right !== null && row.kind !== "same" && "bg-success/15")}>{row.right ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
