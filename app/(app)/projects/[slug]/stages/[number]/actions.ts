"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { approveStage, getStageVersion, reopenStage, revertStage, saveStageOutput, saveUserInput, validateDraft } from "@/lib/stages";
import { runAction } from "../../../../../_lib/run-action";

type Target = { projectId: string; stageNumber: number };

async function refOf({ projectId, stageNumber }: Target) {
  const user = await requireUser();
  return { userId: user.id, projectId, stageNumber };
}

// Every stage change shows on the project page, the stepper and the project list.
const refresh = () => revalidatePath("/projects", "layout");

export async function validateDraftAction(target: Target, content: string) {
  return runAction(async () => validateDraft(db, await refOf(target), content));
}

export async function saveOutputAction(target: Target, content: string, baseVersion: number) {
  return runAction(async () => {
    const saved = await saveStageOutput(db, await refOf(target), { content, baseVersion });
    refresh();
    return saved;
  });
}

export async function saveNotesAction(target: Target, userInput: string) {
  return runAction(async () => {
    await saveUserInput(db, await refOf(target), { userInput });
  });
}

export async function approveAction(target: Target) {
  return runAction(async () => {
    const result = await approveStage(db, await refOf(target));
    refresh();
    return result;
  });
}

export async function reopenAction(target: Target) {
  return runAction(async () => {
    await reopenStage(db, await refOf(target));
    refresh();
  });
}

export async function revertAction(target: Target, version: number) {
  return runAction(async () => {
    await revertStage(db, await refOf(target), { version });
    refresh();
  });
}

export async function versionAction(target: Target, version: number) {
  return runAction(async () => getStageVersion(db, await refOf(target), version));
}
