"use server";

import { revalidatePath } from "next/cache";
import { setMonthlyBudget } from "@/lib/ai/usage";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { runAction } from "../../_lib/run-action";

export async function setBudgetAction(monthlyBudgetUsd: string) {
  return runAction(async () => {
    const user = await requireUser();
    await setMonthlyBudget(db, user.id, { monthlyBudgetUsd });
    revalidatePath("/usage");
  });
}
