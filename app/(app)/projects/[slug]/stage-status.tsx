import { AlertTriangleIcon, CheckCircle2Icon, CircleDotIcon, LoaderCircleIcon, LockIcon, type LucideIcon, PencilLineIcon } from "lucide-react";
import type { StageStatus } from "@/lib/db/schema";
import { Badge } from "../../../_components/ui/badge";

export const statusLook: Record<StageStatus, { icon: LucideIcon; variant: "secondary" | "default" | "warning" | "success" | "outline"; text: string }> = {
  locked: { icon: LockIcon, variant: "outline", text: "Locked" },
  active: { icon: CircleDotIcon, variant: "default", text: "Active" },
  generating: { icon: LoaderCircleIcon, variant: "secondary", text: "Generating" },
  review: { icon: PencilLineIcon, variant: "warning", text: "In review" },
  complete: { icon: CheckCircle2Icon, variant: "success", text: "Complete" },
};

export function StatusBadge({ status, stale }: { status: StageStatus; stale?: boolean }) {
  const look = statusLook[status];
  const Icon = look.icon;
  return (
    <span className="inline-flex items-center gap-1.5">
      <Badge variant={look.variant} data-status={status}>
        <Icon className="size-3" aria-hidden /> {look.text}
      </Badge>
      {stale ? (
        <Badge variant="destructive" title="An earlier stage changed after this one was written">
          <AlertTriangleIcon className="size-3" aria-hidden /> Stale
        </Badge>
      ) : null}
    </span>
  );
}
