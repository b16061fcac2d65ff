"use client";

import { CheckIcon, LoaderCircleIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { TemplateIcon } from "../../../_components/template-icon";
import { Badge } from "../../../_components/ui/badge";
import { Button } from "../../../_components/ui/button";
import { cn } from "../../../_components/ui/cn";
import { Field, Input, Textarea } from "../../../_components/ui/fields";
import type { FieldErrors } from "@/lib/errors";
import { createProjectAction } from "../actions";

export type TemplateOption = {
  id: string;
  name: string;
  description: string;
  category: string;
  icon: string | null;
  stages: { number: number; label: string; firstQuestion: string }[];
};

export function NewProjectForm({ templates }: { templates: TemplateOption[] }) {
  const router = useRouter();
  const categories = ["all", ...new Set(templates.map((template) => template.category))];
  const [category, setCategory] = useState("all");
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? "");
  const [errors, setErrors] = useState<FieldErrors | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const visible = templates.filter((template) => category === "all" || template.category === category);
  const chosen = templates.find((template) => template.id === templateId);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await createProjectAction({
        name: String(form.get("name") ?? ""),
        description: String(form.get("description") ?? ""),
        templateId: templateId || undefined,
      });
      if (result.status === "success") {
        router.push(`/projects/${result.data.slug}`);
        return;
      }
      if (result.status === "error") {
        setErrors(result.fieldErrors);
        setMessage(result.fieldErrors ? null : result.message);
      }
    });
  }

  return (
    <form onSubmit={submit} className="grid gap-8 lg:grid-cols-[1fr_320px]" noValidate>
      <div className="grid content-start gap-6">
        <div className="grid gap-4 rounded-xl border bg-card p-6">
          <Field id="name" label="Project name" errors={errors?.name}>
            <Input id="name" name="name" placeholder="e.g. Team Todo" required maxLength={255} autoFocus aria-invalid={Boolean(errors?.name)} />
          </Field>
          <Field id="description" label="Description (optional)" errors={errors?.description}>
            <Textarea id="description" name="description" placeholder="One or two sentences about the idea." maxLength={2000} />
          </Field>
        </div>
        <fieldset className="grid gap-4">
          <legend className="mb-3 text-sm font-medium">Template</legend>
          <div className="flex flex-wrap gap-2" role="group" aria-label="Filter templates by category">
            {categories.map((value) => (
              <Button key={value} type="button" size="sm" variant={value === category ? "default" : "outline"} aria-pressed={value === category} onClick={() => setCategory(value)}>
                {value === "all" ? "All" : value}
              </Button>
            ))}
          </div>
          <div role="radiogroup" aria-label="Templates" className="grid gap-3 sm:grid-cols-2">
            {visible.map((template) => {
              const selected = template.id === templateId;
              return (
                <label
                  key={template.id}
                  className={cn(
                    "relative flex cursor-pointer gap-3 rounded-xl border bg-card p-4 transition has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50",
                    selected ? "border-primary ring-1 ring-primary" : "hover:border-primary/40",
                  )}
                >
                  <input type="radio" name="template" value={template.id} checked={selected} onChange={() => setTemplateId(template.id)} className="sr-only" />
                  <span className="grid size-10 shrink-0 place-items-center rounded-lg bg-accent text-primary">
                    <TemplateIcon name={template.icon} className="size-5" />
                  </span>
                  <span className="grid gap-1">
                    <span className="flex items-center gap-2 font-medium">
                      {template.name} <Badge variant="secondary">{template.category}</Badge>
                    </span>
                    <span className="text-sm text-muted-foreground">{template.description}</span>
                  </span>
                  {selected ? <CheckIcon className="absolute top-3 right-3 size-4 text-primary" aria-hidden /> : null}
                </label>
              );
            })}
          </div>
          {errors?.templateId ? <p className="text-sm text-destructive">{errors.templateId.join(" ")}</p> : null}
        </fieldset>
      </div>
      <aside className="grid content-start gap-4">
        <div className="rounded-xl border bg-card p-5" aria-live="polite">
          <h2 className="text-sm font-medium">{chosen ? `${chosen.name}: the nine stages` : "The nine stages"}</h2>
          <ol className="mt-3 grid gap-2">
            {chosen?.stages.map((stage) => (
              <li key={stage.number} className="text-sm">
                <span className="mr-2 font-mono text-xs text-muted-foreground">{stage.number}</span>
                <span className="font-medium">{stage.label}</span>
                {stage.firstQuestion ? <p className="ml-5 text-xs text-muted-foreground">{stage.firstQuestion}</p> : null}
              </li>
            ))}
          </ol>
        </div>
        {message ? (
          <p role="alert" className="rounded-md bg-destructive/10 px-3 py-2 text-sm text-destructive">
            {message}
          </p>
        ) : null}
        <Button type="submit" size="lg" disabled={pending}>
          {pending ? <LoaderCircleIcon className="animate-spin" /> : null} Create project
        </Button>
      </aside>
    </form>
  );
}
