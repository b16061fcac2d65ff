import { notFound, redirect } from "next/navigation";
import type { SessionUser } from "@/lib/auth/accounts";
import { currentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";

/** Every signed-in page calls this itself; no session sends the visitor to sign in. */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** Runs a page's lookups; anything missing or not the user's becomes the 404 page. */
export async function orNotFound<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
