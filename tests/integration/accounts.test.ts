// Accounts: sign-up, password hashing parameters and the per-account / per-IP sign-in rate limit.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { signInWithPassword, signUp } from "@/lib/auth/accounts";
import { db } from "@/lib/db/client";
import { rateLimitHits, users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createUser } from "../support/factories";

describe("sign-up", () => {
  it("stores an argon2id hash with at least 19 MiB and 2 iterations, never the password", async () => {
    const user = await createUser();
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row!.passwordHash).not.toContain(user.password);
  });

  it("normalises the email and refuses a second account for it", async () => {
    const user = await signUp(db, { name: "Grace", email: "  Grace@Example.COM ", password: "long enough pw" });
    expect(user.email).toBe("grace@example.com");
    await expect(signUp(db, { name: "Other", email: "grace@example.com", password: "long enough pw" })).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { email: ["An account with this email already exists."] },
    });
  });

  it("rejects bad input with field messages and writes nothing", async () => {
    const before = await db.$count(users);
    const attempt = signUp(db, { name: "", email: "not-an-email", password: "short" });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "validation", fieldErrors: { name: expect.any(Array), email: expect.any(Array), password: expect.any(Array) } });
    expect(await db.$count(users)).toBe(before);
  });
});

describe("sign-in", () => {
  it("accepts the right password and rejects a wrong one or an unknown email", async () => {
    const user = await createUser();
    await expect(signInWithPassword(db, { email: user.email, password: user.password }, "10.0.0.1")).resolves.toMatchObject({ id: user.id });
    await expect(signInWithPassword(db, { email: user.email, password: "wrong password" }, "10.0.0.1")).resolves.toBeNull();
    await expect(signInWithPassword(db, { email: "nobody@example.com", password: "whatever" }, "10.0.0.1")).resolves.toBeNull();
  });

  it("refuses the 6th attempt after 5 failures for one account, even with the right password", async () => {
    const user = await createUser();
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await expect(signInWithPassword(db, { email: user.email, password: `wrong ${attempt}` }, `10.1.0.${attempt}`)).resolves.toBeNull();
    }
    await expect(signInWithPassword(db, { email: user.email, password: user.password }, "10.1.0.99")).rejects.toMatchObject({
      code: "rate_limited",
      message: expect.stringMatching(/too many attempts/i),
    });
  });

  it("refuses a 6th failure from one IP across different accounts", async () => {
    const victims = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => createUser(`User${n}`)));
    for (const victim of victims.slice(0, 5)) {
      await expect(signInWithPassword(db, { email: victim.email, password: "guess" }, "192.0.2.7")).resolves.toBeNull();
    }
    await expect(signInWithPassword(db, { email: victims[5]!.email, password: victims[5]!.password }, "192.0.2.7")).rejects.toMatchObject({ code: "rate_limited" });
    // Another address is unaffected.
    await expect(signInWithPassword(db, { email: victims[5]!.email, password: victims[5]!.password }, "192.0.2.8")).resolves.toMatchObject({ id: victims[5]!.id });
  });

  it("forgets failures older than 15 minutes", async () => {
    const user = await createUser();
    for (let attempt = 1; attempt <= 5; attempt += 1) await signInWithPassword(db, { email: user.email, password: "nope" }, "10.2.0.1");
    await db.update(rateLimitHits).set({ createdAt: new Date(Date.now() - 16 * 60 * 1000) }).where(eq(rateLimitHits.key, `signin:account:${user.email}`));
    await db.delete(rateLimitHits).where(eq(rateLimitHits.key, "signin:ip:10.2.0.1"));
    await expect(signInWithPassword(db, { email: user.email, password: user.password }, "10.2.0.1")).resolves.toMatchObject({ id: user.id });
  });
});
