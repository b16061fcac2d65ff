"use client";

import { LoaderCircleIcon } from "lucide-react";
import { useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "../../_components/ui/button";
import { Field, Input } from "../../_components/ui/fields";
import { setBudgetAction } from "./actions";

export function BudgetForm({ budget }: { budget: string | null }) {
  const [errors, setErrors] = useState<string[] | undefined>();
  const [pending, startTransition] = useTransition();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("budget") ?? "");
    startTransition(async () => {
      const result = await setBudgetAction(value);
      if (result.status === "success") {
        setErrors(undefined);
        toast.success(value.trim() ? "Budget saved" : "Budget removed");
      } else if (result.status === "error") setErrors(result.fieldErrors?.monthlyBudgetUsd ?? [result.message]);
    });
  }

  return (
    <form onSubmit={submit} className="flex items-end gap-2" noValidate>
      <Field id="budget" label="Monthly budget (USD)" errors={errors} hint="Leave empty for no limit. Generation stops once it is spent.">
        <Input id="budget" name="budget" inputMode="decimal" defaultValue={budget ? String(Number(budget)) : ""} placeholder="e.g. 20" className="w-40" />
      </Field>
      <Button type="submit" variant="outline" disabled={pending} className="mb-[22px]">
        {pending ? <LoaderCircleIcon className="animate-spin" /> : null} Save
      </Button>
    </form>
  );
}
