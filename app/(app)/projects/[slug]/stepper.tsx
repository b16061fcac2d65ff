import Link from "next/link";
import type { StageSummary } from "@/lib/stages";
import { cn } from "../../../_components/ui/cn";
import { statusLook } from "./stage-status";

/** The nine stages as a horizontal stepper; every unlocked stage is a link. */
export function Stepper({ slug, stages, current }: { slug: string; stages: StageSummary[]; current?: number }) {
  return (
    <nav aria-label="Stages" className="overflow-x-auto">
      <ol className="grid min-w-[960px] grid-cols-9 gap-1">
        {stages.map((stage) => {
          const look = statusLook[stage.status];
          const Icon = look.icon;
          const body = (
            <>
              <span
                className={cn(
                  "grid size-6 shrink-0 place-items-center rounded-full text-xs",
                  stage.status === "complete" ? "bg-success text-white" : stage.status === "locked" ? "bg-muted text-muted-foreground" : "bg-primary text-primary-foreground",
                )}
              >
                {stage.status === "complete" || stage.status === "locked" ? <Icon className="size-3.5" aria-hidden /> : stage.number}
              </span>
              <span className="grid min-w-0 text-left">
                <span className="truncate text-xs font-medium leading-tight">{stage.label}</span>
                <span className={cn("text-[11px] leading-tight", stage.stale ? "text-destructive" : "text-muted-foreground")}>{stage.stale ? "Stale" : look.text}</span>
              </span>
            </>
          );
          const classes = cn(
            "flex h-full min-w-0 items-center gap-2 rounded-lg border px-2 py-2 transition",
            stage.number === current ? "border-primary bg-accent" : "bg-card",
            stage.status === "locked" ? "opacity-60" : "hover:border-primary/40",
          );
          return (
            <li key={stage.number} data-stage={stage.number} data-status={stage.status} data-stale={stage.stale || undefined} title={`${stage.number}. ${stage.label}`}>
              {stage.status === "locked" ? (
                <span className={classes} aria-disabled>
                  {body}
                </span>
              ) : (
                <Link href={`/projects/${slug}/stages/${stage.number}`} className={classes} aria-current={stage.number === current ? "step" : undefined}>
                  {body}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
