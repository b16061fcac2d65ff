"use client";

import { LoaderCircleIcon } from "lucide-react";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "../../../../../_components/ui/button";
import { Textarea } from "../../../../../_components/ui/fields";
import { saveNotesAction } from "./actions";

/** The guiding questions, and the user's own notes for this stage (also what AI drafting reads). */
export function NotesPanel({ target, questions, notes, editable }: { target: { projectId: string; stageNumber: number }; questions: string[]; notes: string; editable: boolean }) {
  const [value, setValue] = useState(notes);
  const [saved, setSaved] = useState(notes);
  const [pending, startTransition] = useTransition();

  function save() {
    startTransition(async () => {
      const result = await saveNotesAction(target, value);
      if (result.status === "success") {
        setSaved(value);
        toast.success("Notes saved");
      } else if (result.status === "error") toast.error(result.fieldErrors?.userInput?.[0] ?? result.message);
    });
  }

  return (
    <aside className="grid content-start gap-4">
      <section className="rounded-xl border bg-card p-5">
        <h2 className="text-sm font-medium">Guiding questions</h2>
        <ul className="mt-3 grid list-disc gap-2 pl-5 text-sm text-muted-foreground">
          {questions.map((question) => (
            <li key={question}>{question}</li>
          ))}
        </ul>
      </section>
      <section className="grid gap-3 rounded-xl border bg-card p-5">
        <label htmlFor="stage-notes" className="text-sm font-medium">
          Your notes
        </label>
        <Textarea id="stage-notes" value={value} onChange={(event) => setValue(event.target.value)} disabled={!editable} rows={6} maxLength={20_000} placeholder="Answers to the questions, constraints, links…" />
        <Button variant="outline" size="sm" onClick={save} disabled={!editable || pending || value === saved}>
          {pending ? <LoaderCircleIcon className="animate-spin" /> : null} Save notes
        </Button>
      </section>
    </aside>
  );
}
