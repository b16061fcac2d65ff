import type { StageStatus } from "../db/schema";
import { AppError } from "../errors";

export type StageAction = "save" | "approve" | "reopen" | "revert" | "edit_notes" | "generate";

/** Which statuses each action may start from; everything else is a 409 that says why. */
const allowedFrom: Record<StageAction, readonly StageStatus[]> = {
  save: ["active", "review"],
  approve: ["review"],
  reopen: ["complete"],
  revert: ["active", "review"],
  edit_notes: ["active", "review", "complete"],
  generate: ["active", "review"],
};

const verbs: Record<StageAction, string> = {
  save: "save a version of",
  approve: "approve",
  reopen: "reopen",
  revert: "revert",
  edit_notes: "edit the notes of",
  generate: "generate",
};

function reason(status: StageStatus, stageNumber: number): string {
  switch (status) {
    case "locked":
      return `it is locked until stage ${stageNumber - 1} is approved`;
    case "active":
      return "it has no version to review yet";
    case "generating":
      return "a draft is being generated";
    case "review":
      return "it is not approved";
    case "complete":
      return "it is approved; reopen it to change it";
  }
}

export function assertTransition(action: StageAction, status: StageStatus, stageNumber: number): void {
  if (!allowedFrom[action].includes(status)) {
    throw new AppError("conflict", `Cannot ${verbs[action]} stage ${stageNumber}: ${reason(status, stageNumber)}.`);
  }
}
