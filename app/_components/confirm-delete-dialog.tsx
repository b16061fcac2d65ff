"use client";

import { LoaderCircleIcon, Trash2Icon } from "lucide-react";
import { Button } from "./ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogTitle, DialogTrigger } from "./ui/dialog";

/** A Delete button that asks first; the confirm button shows progress while `pending`. */
export function ConfirmDeleteDialog({
  name,
  description,
  confirmLabel,
  onConfirm,
  pending,
}: {
  name: string;
  description: React.ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  pending: boolean;
}) {
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" className="text-destructive">
          <Trash2Icon /> Delete
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>Delete “{name}”?</DialogTitle>
        <DialogDescription>{description}</DialogDescription>
        <DialogFooter>
          <Button type="button" variant="destructive" onClick={onConfirm} disabled={pending}>
            {pending ? <LoaderCircleIcon className="animate-spin" /> : null} {confirmLabel}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
