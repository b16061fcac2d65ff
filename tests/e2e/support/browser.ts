import { chromium, type Browser, type Page } from "playwright-core";

const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Debian's Chromium, headless; the flags keep it off the network this machine does not have. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
  });
}

export async function signUp(page: Page, baseUrl: string, user: { name: string; email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/sign-up`);
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(`${baseUrl}/projects`);
}

export async function signIn(page: Page, baseUrl: string, user: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${baseUrl}/projects`);
}

/**
 * The app's own database, seeded with the demo project (a fresh password each call). lib/env.ts reads
 * DATABASE_URL at its first import, so lib/ is imported only after pointing it at the app's database.
 */
export async function seedDemoInAppDatabase(databaseUrl: string, password: string) {
  process.env.DATABASE_URL = databaseUrl;
  const { seedDemo } = await import("@/seeds/demo/seed");
  const { db } = await import("@/lib/db/client");
  const demo = await seedDemo(db, password);
  return { db, demo, close: () => db.$client.end({ timeout: 5 }) };
}
