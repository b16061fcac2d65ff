"use server";

import { revalidatePath } from "next/cache";
import { createProviderConfig, deleteProviderConfig, setDefaultProviderConfig, testProviderConfig, updateProviderConfig } from "@/lib/ai/provider-configs";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { runAction } from "../../../_lib/run-action";

/** What the form sends; lib/ai/provider-configs.ts validates it. The key is write-only: nothing here returns it. */
export type ProviderFormInput = { provider: string; label: string; apiKey: string; defaultModel: string; baseUrl: string };

const PATH = "/settings/ai";

export async function createProviderAction(input: ProviderFormInput) {
  return runAction(async () => {
    const user = await requireUser();
    const config = await createProviderConfig(db, user.id, input);
    revalidatePath(PATH);
    return { id: config.id, label: config.label };
  });
}

export async function updateProviderAction(id: string, input: ProviderFormInput) {
  return runAction(async () => {
    const user = await requireUser();
    const config = await updateProviderConfig(db, user.id, id, input);
    revalidatePath(PATH);
    return { id: config.id, label: config.label };
  });
}

export async function deleteProviderAction(id: string) {
  return runAction(async () => {
    const user = await requireUser();
    await deleteProviderConfig(db, user.id, id);
    revalidatePath(PATH);
  });
}

export async function makeDefaultProviderAction(id: string) {
  return runAction(async () => {
    const user = await requireUser();
    await setDefaultProviderConfig(db, user.id, id);
    revalidatePath(PATH);
  });
}

export async function testProviderAction(id: string) {
  return runAction(async () => {
    const user = await requireUser();
    return testProviderConfig(db, user.id, id);
  });
}
