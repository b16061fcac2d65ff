"use client";

import { SparklesIcon } from "lucide-react";
import Link from "next/link";
import { useTransition } from "react";
import { toast } from "sonner";
import { setProjectProviderAction } from "../actions";

/** Which AI provider drafts this project's stages; "default" follows the user's default provider. */
export function ProviderPicker({ projectId, current, providers }: { projectId: string; current: string | null; providers: { id: string; label: string; model: string; isDefault: boolean }[] }) {
  const [pending, startTransition] = useTransition();
  if (providers.length === 0) {
    return (
      <Link href="/settings/ai" className="inline-flex items-center gap-1.5 text-sm text-muted-foreground hover:text-foreground">
        <SparklesIcon className="size-4" /> Add an AI provider to draft stages
      </Link>
    );
  }
  const fallback = providers.find((provider) => provider.isDefault);
  return (
    <label className="inline-flex items-center gap-2 text-sm text-muted-foreground">
      <SparklesIcon className="size-4" aria-hidden /> AI provider
      <select
        className="h-8 rounded-md border bg-background px-2 text-sm text-foreground"
        defaultValue={current ?? ""}
        disabled={pending}
        onChange={(event) =>
          startTransition(async () => {
            const result = await setProjectProviderAction(projectId, event.target.value || null);
            if (result.status === "success") toast.success("AI provider updated");
            else if (result.status === "error") toast.error(result.message);
          })
        }
      >
        <option value="">Default{fallback ? ` (${fallback.label})` : ""}</option>
        {providers.map((provider) => (
          <option key={provider.id} value={provider.id}>
            {provider.label} · {provider.model}
          </option>
        ))}
      </select>
    </label>
  );
}
