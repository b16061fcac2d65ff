import { randomUUID } from "node:crypto";
import { signUp } from "@/lib/auth/accounts";
import { db } from "@/lib/db/client";

export async function createUser(name = "Ada") {
  const email = `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@example.com`;
  const password = "correct horse battery";
  const user = await signUp(db, { name, email, password });
  return { ...user, password };
}
