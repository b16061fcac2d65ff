"use client";

import { LoaderCircleIcon, PencilIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import { ConfirmDeleteDialog } from "../../../_components/confirm-delete-dialog";
import { Button } from "../../../_components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogTitle, DialogTrigger, DialogFooter } from "../../../_components/ui/dialog";
import { Field, Input } from "../../../_components/ui/fields";
import { deleteProjectAction, renameProjectAction } from "../actions";

export function ProjectActions({ projectId, name }: { projectId: string; name: string }) {
  const router = useRouter();
  const [renameOpen, setRenameOpen] = useState(false);
  const [renameErrors, setRenameErrors] = useState<string[] | undefined>();
  const [pending, startTransition] = useTransition();

  function rename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const newName = String(new FormData(event.currentTarget).get("name") ?? "");
    startTransition(async () => {
      const result = await renameProjectAction(projectId, newName);
      if (result.status === "success") {
        setRenameOpen(false);
        router.replace(`/projects/${result.data.slug}`);
        router.refresh();
      } else if (result.status === "error") {
        setRenameErrors(result.fieldErrors?.name ?? [result.message]);
      }
    });
  }

  function remove() {
    startTransition(async () => {
      const result = await deleteProjectAction(projectId);
      if (result.status === "success") {
        toast.success(`Deleted “${name}”`);
        router.replace("/projects");
      } else if (result.status === "error") {
        toast.error(result.message);
      }
    });
  }

  return (
    <div className="flex gap-2">
      <Dialog open={renameOpen} onOpenChange={(open) => (setRenameOpen(open), setRenameErrors(undefined))}>
        <DialogTrigger asChild>
          <Button variant="outline" size="sm">
            <PencilIcon /> Rename
          </Button>
        </DialogTrigger>
        <DialogContent>
          <DialogTitle>Rename project</DialogTitle>
          <DialogDescription>The project&apos;s address changes with its name.</DialogDescription>
          <form onSubmit={rename} className="grid gap-4" noValidate>
            <Field id="rename" label="Name" errors={renameErrors}>
              <Input id="rename" name="name" defaultValue={name} maxLength={255} required autoFocus />
            </Field>
            <DialogFooter>
              <Button type="submit" disabled={pending}>
                {pending ? <LoaderCircleIcon className="animate-spin" /> : null} Save
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
      <ConfirmDeleteDialog
        name={name}
        description="The project disappears from your list and its address becomes free for a new project."
        confirmLabel="Delete project"
        onConfirm={remove}
        pending={pending}
      />
    </div>
  );
}
