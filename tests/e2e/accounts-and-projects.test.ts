// In a real browser: sign up, sign out, sign in, create a project from a template, see nine stages with stage 1 active, delete it.
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, signUp } from "./support/browser";

const baseUrl = inject("baseUrl");
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
});

describe("accounts and projects", () => {
  const user = { name: "Ada Lovelace", email: `ada-${randomUUID().slice(0, 8)}@example.com`, password: "analytical engine" };

  it("signs up and lands on an empty project list", async () => {
    await signUp(page, baseUrl, user);
    await page.getByRole("heading", { name: "No projects yet" }).waitFor();
  });

  it("signs out, refuses a wrong password, and signs back in", async () => {
    await page.getByRole("button", { name: "Account menu" }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in/);

    await page.goto(`${baseUrl}/projects`);
    await page.waitForURL(/\/sign-in/);

    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("That email and password don't match an account.").waitFor();

    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${baseUrl}/projects`);
  });

  it("creates a project from a template and sees nine stages, stage 1 active", async () => {
    await page.getByRole("link", { name: "New project" }).first().click();
    await page.waitForURL(`${baseUrl}/projects/new`);
    await page.getByLabel("Project name").fill("Team Todo");
    // The picker works from the keyboard: arrow keys move between template cards, the preview follows.
    const templates = page.getByRole("radiogroup", { name: "Templates" });
    await templates.getByRole("radio").first().focus();
    await page.keyboard.press("ArrowDown");
    await expect(templates.getByRole("radio").nth(1).isChecked()).resolves.toBe(true);
    await page.getByRole("heading", { name: "Full-Stack Web App: the nine stages" }).waitFor();
    // The category filter narrows the cards.
    await page.getByRole("button", { name: "cli", exact: true }).click();
    await expect(templates.getByRole("radio").count()).resolves.toBe(1);
    await templates.locator("label", { hasText: "Command-Line Tool" }).click();
    await page.getByRole("heading", { name: "Command-Line Tool: the nine stages" }).waitFor();
    await page.getByRole("button", { name: "All", exact: true }).click();
    await templates.getByText("SaaS", { exact: false }).first().click();
    await page.getByRole("button", { name: "Create project" }).click();
    await page.waitForURL(`${baseUrl}/projects/team-todo`);

    await page.getByRole("heading", { name: "Team Todo" }).waitFor();
    const stages = page.getByRole("list", { name: "Stages" }).getByRole("listitem");
    await expect(stages.count()).resolves.toBe(9);
    await expect(stages.nth(0).getAttribute("data-status")).resolves.toBe("active");
    for (let index = 1; index < 9; index += 1) await expect(stages.nth(index).getAttribute("data-status")).resolves.toBe("locked");
  });

  it("deletes the project and it leaves the list", async () => {
    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("button", { name: "Delete project" }).click();
    await page.waitForURL(`${baseUrl}/projects`);
    await page.getByRole("heading", { name: "No projects yet" }).waitFor();
    const response = await page.goto(`${baseUrl}/projects/team-todo`);
    expect(response?.status()).toBe(404);
  });
});
