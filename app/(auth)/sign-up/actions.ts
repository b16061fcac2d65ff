"use server";

import { signUp } from "@/lib/auth/accounts";
import { db } from "@/lib/db/client";
import type { ActionState } from "../../_lib/action-state";
import { runAction } from "../../_lib/run-action";

export async function signUpAction(formData: FormData): Promise<ActionState<{ email: string }>> {
  return runAction(async () => {
    const user = await signUp(db, { name: formData.get("name"), email: formData.get("email"), password: formData.get("password") });
    return { email: user.email };
  });
}
