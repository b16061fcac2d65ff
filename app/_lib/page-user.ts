import { redirect } from "next/navigation";
import type { SessionUser } from "@/lib/auth/accounts";
import { currentUser } from "@/lib/auth/session";

/** Every signed-in page calls this itself; no session sends the visitor to sign in. */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  return user;
}
