import { connection } from "next/server";
import { getServerSession } from "next-auth";
import { db } from "../db/client";
import { AppError } from "../errors";
import { getUserById, type SessionUser } from "./accounts";
import { authOptions } from "./options";

/** The signed-in user, confirmed against the database (a deleted account's cookie is no session). */
export async function currentUser(): Promise<SessionUser | null> {
  // Per-request by nature: never prerendered at build time, when production secrets are absent.
  await connection();
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  return id ? getUserById(db, id) : null;
}

/** For route handlers and server actions: no session is a 401. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AppError("unauthorized", "Sign in to continue.");
  return user;
}
