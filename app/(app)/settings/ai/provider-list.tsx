"use client";

import { CheckCircle2Icon, LoaderCircleIcon, PlugZapIcon, StarIcon, XCircleIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Badge } from "../../../_components/ui/badge";
import { Button } from "../../../_components/ui/button";
import type { ProviderConfigView } from "@/lib/ai/provider-configs";
import { deleteProviderAction, makeDefaultProviderAction, testProviderAction } from "./actions";
import { ConfirmDeleteDialog } from "../../../_components/confirm-delete-dialog";
import { ProviderForm } from "./provider-form";

/** A provider as the browser sees it: the key only masked. */
export type ProviderRow = Omit<ProviderConfigView, "createdAt">;

const providerNames: Record<ProviderRow["provider"], string> = { anthropic: "Anthropic", openai: "OpenAI", custom: "Custom" };

type TestState = { status: "idle" } | { status: "running" } | { status: "ok"; model: string } | { status: "failed"; message: string };

function ProviderItem({ row }: { row: ProviderRow }) {
  const router = useRouter();
  const [test, setTest] = useState<TestState>({ status: "idle" });
  const [pending, startTransition] = useTransition();

  function runTest() {
    setTest({ status: "running" });
    startTransition(async () => {
      const result = await testProviderAction(row.id);
      if (result.status === "success") setTest(result.data.ok ? { status: "ok", model: result.data.model } : { status: "failed", message: result.data.message });
      else if (result.status === "error") setTest({ status: "failed", message: result.message });
    });
  }

  function makeDefault() {
    startTransition(async () => {
      const result = await makeDefaultProviderAction(row.id);
      if (result.status === "success") {
        toast.success(`“${row.label}” is now the default`);
        router.refresh();
      } else if (result.status === "error") toast.error(result.message);
    });
  }

  function remove() {
    startTransition(async () => {
      const result = await deleteProviderAction(row.id);
      if (result.status === "success") {
        toast.success(`Deleted “${row.label}”`);
        router.refresh();
      } else if (result.status === "error") toast.error(result.message);
    });
  }

  return (
    <li className="grid gap-3 px-5 py-4" aria-label={row.label}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{row.label}</span>
            <Badge variant="outline">{providerNames[row.provider]}</Badge>
            {row.isDefault ? <Badge variant="success">Default</Badge> : null}
          </div>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm text-muted-foreground">
            <dt>Model</dt>
            <dd className="font-mono text-foreground">{row.defaultModel}</dd>
            {row.baseUrl ? (
              <>
                <dt>Base URL</dt>
                <dd className="font-mono break-all text-foreground">{row.baseUrl}</dd>
              </>
            ) : null}
            <dt>Key</dt>
            <dd className="font-mono text-foreground">{row.hasKey ? row.maskedKey : "none"}</dd>
          </dl>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="outline" size="sm" onClick={runTest} disabled={test.status === "running"}>
            {test.status === "running" ? <LoaderCircleIcon className="animate-spin" /> : <PlugZapIcon />} Test connection
          </Button>
          {row.isDefault ? null : (
            <Button variant="outline" size="sm" onClick={makeDefault} disabled={pending}>
              <StarIcon /> Make default
            </Button>
          )}
          <ProviderForm mode="edit" row={row} />
          <ConfirmDeleteDialog
            name={row.label}
            description="Its encrypted key is removed. Projects that use it switch to your default provider. A provider that already has generations in your usage history can't be deleted — edit it instead."
            confirmLabel="Delete provider"
            onConfirm={remove}
            pending={pending}
          />
        </div>
      </div>
      {test.status === "ok" ? (
        <p role="status" className="flex items-center gap-2 text-sm text-[oklch(0.45_0.12_150)]">
          <CheckCircle2Icon className="size-4" /> Connected — the provider answered with model {test.model}.
        </p>
      ) : test.status === "failed" ? (
        <p role="alert" className="flex items-start gap-2 text-sm text-destructive">
          <XCircleIcon className="mt-0.5 size-4 shrink-0" /> {test.message}
        </p>
      ) : null}
    </li>
  );
}

export function ProviderList({ rows }: { rows: ProviderRow[] }) {
  if (rows.length === 0) {
    return (
      <div className="rounded-xl border border-dashed bg-card px-6 py-10 text-center text-sm text-muted-foreground">
        <p className="font-medium text-foreground">No AI provider yet</p>
        <p>Every stage can still be written by hand. Add a provider to draft stages with AI.</p>
      </div>
    );
  }
  return <ul className="divide-y rounded-xl border bg-card">{rows.map((row) => <ProviderItem key={row.id} row={row} />)}</ul>;
}
