import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { users } from "../db/schema";
import { AppError, parseInput } from "../errors";
import { clearHits, isRateLimited, recordHits } from "../rate-limit";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./password";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(255, "Email is too long.")
  .pipe(z.email("Enter a valid email address."));

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(255, "Name is too long."),
  email: emailSchema,
  password: z.string().min(8, "Use at least 8 characters.").max(256, "Use at most 256 characters."),
});

export const signInSchema = z.object({ email: emailSchema, password: z.string().min(1).max(256) });

export type SessionUser = { id: string; email: string; name: string };

export const SIGN_IN_FAILURE_LIMIT = { limit: 5, windowMs: 15 * 60 * 1000 };
export const TOO_MANY_ATTEMPTS = "Too many attempts. Wait 15 minutes and try again.";

export async function signUp(db: DbOrTx, input: unknown): Promise<SessionUser> {
  const { name, email, password } = parseInput(signUpSchema, input);
  const passwordHash = await hashPassword(password);
  const [user] = await db
    .insert(users)
    .values({ name, email, passwordHash })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id, email: users.email, name: users.name });
  if (!user) throw new AppError("conflict", "An account with this email already exists.", { email: ["An account with this email already exists."] });
  return user;
}

/**
 * Checks a password sign-in. Failures count per account and per IP in Postgres; from the sixth
 * failure inside 15 minutes every attempt is refused before the password is even checked.
 */
export async function signInWithPassword(db: DbOrTx, input: unknown, ip: string): Promise<SessionUser | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const keys = [`signin:account:${email}`, `signin:ip:${ip}`];
  if (await isRateLimited(db, keys, SIGN_IN_FAILURE_LIMIT)) throw new AppError("rate_limited", TOO_MANY_ATTEMPTS);

  const [user] = await db.select().from(users).where(eq(users.email, email));
  const valid = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  if (!user || !valid) {
    await recordHits(db, keys);
    return null;
  }
  await clearHits(db, keys[0]!);
  return { id: user.id, email: user.email, name: user.name };
}

/** OAuth sign-in: the account is matched by verified email, created on first sign-in. */
export async function findOrCreateOAuthUser(db: DbOrTx, profile: { email: string; name?: string | null; image?: string | null }): Promise<SessionUser> {
  const email = emailSchema.parse(profile.email);
  const [existing] = await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.email, email));
  if (existing) return existing;
  const [created] = await db
    .insert(users)
    .values({ email, name: profile.name?.trim() || email.split("@")[0]!, avatarUrl: profile.image ?? null })
    .onConflictDoUpdate({ target: users.email, set: { updatedAt: new Date() } })
    .returning({ id: users.id, email: users.email, name: users.name });
  return created!;
}

export async function getUserById(db: DbOrTx, id: string): Promise<SessionUser | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const [user] = await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, id));
  return user ?? null;
}
