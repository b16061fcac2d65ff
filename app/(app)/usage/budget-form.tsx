"use client";

import { LoaderCircleIcon } from "lucide-react";
import { useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "../../_components/ui/button";
import { Input, Label } from "../../_components/ui/fields";
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
    <form onSubmit={submit} className="grid gap-2" noValidate>
      <Label htmlFor="budget">Monthly budget (USD)</Label>
      <div className="flex items-center gap-2">
        <Input id="budget" name="budget" inputMode="decimal" defaultValue={budget ? String(Number(budget)) : ""} placeholder="e.g. 20" className="w-40" aria-invalid={Boolean(errors)} aria-describedby="budget-help" />
        <Button type="submit" variant="outline" disabled={pending}>
          {pending ? <LoaderCircleIcon className="animate-spin" /> : null} Save
        </Button>
      </div>
      {errors ? (
        <p id="budget-help" role="alert" className="text-sm text-destructive">
          {errors.join(" ")}
        </p>
      ) : (
        <p id="budget-help" className="text-xs text-muted-foreground">
          Leave empty for no limit. Generation stops once this month&apos;s spend reaches it.
        </p>
      )}
    </form>
  );
}
