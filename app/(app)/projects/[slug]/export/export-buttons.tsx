"use client";

import { FileArchiveIcon, FolderDownIcon, LoaderCircleIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import type { ExportFormat } from "@/lib/export";
import { Button } from "../../../../_components/ui/button";
import { createExportAction } from "./actions";

/** The two export buttons and, while the server validates and writes, an indeterminate progress bar. */
export function ExportButtons({ projectId, disabledReason }: { projectId: string; disabledReason: string | null }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [running, setRunning] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);

  function run(format: ExportFormat) {
    setError(null);
    setRunning(format);
    startTransition(async () => {
      const result = await createExportAction(projectId, format);
      setRunning(null);
      if (result.status === "success") {
        toast.success(`Exported as a ${result.data.format} (${result.data.validationStatus})`);
        router.refresh();
      } else if (result.status === "error") {
        setError(result.message);
      }
    });
  }

  const disabled = pending || disabledReason !== null;
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => run("zip")} disabled={disabled}>
          {running === "zip" ? <LoaderCircleIcon className="animate-spin" /> : <FileArchiveIcon />} Export zip
        </Button>
        <Button variant="outline" onClick={() => run("folder")} disabled={disabled}>
          {running === "folder" ? <LoaderCircleIcon className="animate-spin" /> : <FolderDownIcon />} Export folder
        </Button>
      </div>
      {disabledReason ? <p className="text-sm text-muted-foreground">{disabledReason}</p> : null}
      {pending ? (
        <div className="grid gap-1.5" role="status">
          <div role="progressbar" aria-label="Exporting" aria-busy="true" className="h-1.5 overflow-hidden rounded-full bg-muted">
            <div className="h-full w-1/3 animate-pulse rounded-full bg-primary" />
          </div>
          <p className="text-xs text-muted-foreground">Exporting: validating every stage, then writing and hashing the package…</p>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
