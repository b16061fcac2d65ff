"use client";

import { LoaderCircleIcon, PencilIcon, PlusIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import type { FieldErrors } from "@/lib/errors";
import { Button } from "../../../_components/ui/button";
import { cn } from "../../../_components/ui/cn";
import { Dialog, DialogContent, DialogDescription, DialogTitle, DialogTrigger, DialogFooter } from "../../../_components/ui/dialog";
import { Field, Input } from "../../../_components/ui/fields";
import { createProviderAction, updateProviderAction, type ProviderFormInput } from "./actions";
import type { ProviderRow } from "./provider-list";

type Provider = ProviderRow["provider"];

const providerChoices: { value: Provider; label: string; model: string; keyHint: string }[] = [
  { value: "anthropic", label: "Anthropic", model: "claude-sonnet-4-5", keyHint: "From console.anthropic.com → API keys." },
  { value: "openai", label: "OpenAI", model: "gpt-4.1-mini", keyHint: "From platform.openai.com → API keys." },
  { value: "custom", label: "Custom (OpenAI-compatible)", model: "llama3.1", keyHint: "Leave empty if the server needs none (Ollama, LM Studio)." },
];

/** Common OpenAI-compatible servers; a click fills the base URL. */
const baseUrlExamples = [
  { name: "Ollama", url: "http://localhost:11434/v1" },
  { name: "LM Studio", url: "http://localhost:1234/v1" },
  { name: "OpenRouter", url: "https://openrouter.ai/api/v1" },
];

const selectClasses =
  "h-9 w-full rounded-md border border-input bg-transparent px-3 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50";

export function ProviderForm({ mode, row }: { mode: "create" | "edit"; row?: ProviderRow }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [provider, setProvider] = useState<Provider>(row?.provider ?? "anthropic");
  const [baseUrl, setBaseUrl] = useState(row?.baseUrl ?? "");
  const [errors, setErrors] = useState<FieldErrors | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();
  const choice = providerChoices.find((candidate) => candidate.value === provider) ?? providerChoices[0]!;
  const editing = mode === "edit" && row !== undefined;

  function reset(nextOpen: boolean) {
    setOpen(nextOpen);
    setErrors(undefined);
    setMessage(undefined);
    setProvider(row?.provider ?? "anthropic");
    setBaseUrl(row?.baseUrl ?? "");
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input: ProviderFormInput = {
      provider,
      label: String(form.get("label") ?? ""),
      apiKey: String(form.get("apiKey") ?? ""),
      defaultModel: String(form.get("defaultModel") ?? ""),
      baseUrl,
    };
    startTransition(async () => {
      const result = editing ? await updateProviderAction(row.id, input) : await createProviderAction(input);
      if (result.status === "success") {
        toast.success(editing ? `Saved “${result.data.label}”` : `Added “${result.data.label}”`);
        setOpen(false);
        router.refresh();
      } else if (result.status === "error") {
        setErrors(result.fieldErrors);
        setMessage(result.fieldErrors ? undefined : result.message);
      }
    });
  }

  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogTrigger asChild>
        {editing ? (
          <Button variant="outline" size="sm">
            <PencilIcon /> Edit
          </Button>
        ) : (
          <Button>
            <PlusIcon /> Add provider
          </Button>
        )}
      </DialogTrigger>
      <DialogContent className="max-w-lg">
        <DialogTitle>{editing ? `Edit “${row.label}”` : "Add an AI provider"}</DialogTitle>
        <DialogDescription>The key is encrypted before it is stored and is never sent back to your browser.</DialogDescription>
        <form onSubmit={submit} className="grid gap-4" noValidate>
          <Field id="provider" label="Provider" errors={errors?.provider}>
            <select id="provider" name="provider" value={provider} onChange={(event) => setProvider(event.target.value as Provider)} className={selectClasses}>
              {providerChoices.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </Field>
          <Field id="label" label="Label" errors={errors?.label}>
            <Input id="label" name="label" defaultValue={row?.label ?? ""} placeholder={`e.g. ${choice.label.split(" ")[0]} personal`} maxLength={255} required aria-invalid={Boolean(errors?.label)} />
          </Field>
          <Field
            id="apiKey"
            label={provider === "custom" ? "API key (optional)" : "API key"}
            errors={errors?.apiKey}
            hint={editing ? "Leave empty to keep the saved key." : choice.keyHint}
          >
            <Input
              id="apiKey"
              name="apiKey"
              type="password"
              autoComplete="off"
              spellCheck={false}
              maxLength={500}
              placeholder={editing && row.hasKey ? row.maskedKey : provider === "custom" ? "none" : "sk-…"}
              aria-invalid={Boolean(errors?.apiKey)}
            />
          </Field>
          <Field id="defaultModel" label="Model" errors={errors?.defaultModel} hint="The exact model name the provider expects.">
            <Input id="defaultModel" name="defaultModel" defaultValue={row?.defaultModel ?? ""} placeholder={`e.g. ${choice.model}`} maxLength={100} required aria-invalid={Boolean(errors?.defaultModel)} />
          </Field>
          <Field
            id="baseUrl"
            label={provider === "custom" ? "Base URL" : "Base URL (optional)"}
            errors={errors?.baseUrl}
            hint={provider === "custom" ? "The server's OpenAI-compatible endpoint, ending in /v1." : "Leave empty for the official API; set it only for a proxy or gateway."}
          >
            <Input
              id="baseUrl"
              name="baseUrl"
              type="url"
              value={baseUrl}
              onChange={(event) => setBaseUrl(event.target.value)}
              placeholder={provider === "custom" ? "http://localhost:11434/v1" : provider === "openai" ? "https://api.openai.com/v1" : "https://api.anthropic.com"}
              aria-invalid={Boolean(errors?.baseUrl)}
            />
            {provider === "custom" ? (
              <div className="flex flex-wrap gap-1.5 text-xs">
                {baseUrlExamples.map((example) => (
                  <button
                    key={example.name}
                    type="button"
                    onClick={() => setBaseUrl(example.url)}
                    className={cn("rounded-md border px-2 py-0.5 text-muted-foreground hover:bg-accent hover:text-foreground", baseUrl === example.url && "border-primary text-foreground")}
                  >
                    {example.name} <span className="font-mono">{example.url}</span>
                  </button>
                ))}
              </div>
            ) : null}
          </Field>
          {message ? (
            <p role="alert" className="text-sm text-destructive">
              {message}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="submit" disabled={pending}>
              {pending ? <LoaderCircleIcon className="animate-spin" /> : null} {editing ? "Save" : "Add provider"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
