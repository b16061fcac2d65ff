// In a real browser, by hand with no AI key: walk a project through all nine stages (edit, see a validation error, fix, approve, next stage opens), then reopen stage 3, see later stages stale, diff and revert.
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { fixtureStages, readStageFixture } from "@/seeds/demo/load";
import { launchBrowser, signUp } from "./support/browser";

const baseUrl = inject("baseUrl");
let browser: Browser;
let page: Page;
const stageUrl = (n: number) => `${baseUrl}/projects/tandem/stages/${n}`;

/** Replaces the CodeMirror document the way a user would: select all, then type (paste) the text. */
async function replaceEditorText(text: string) {
  const editor = page.locator(".cm-content");
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(text);
}

async function saveVersion() {
  await page.getByRole("button", { name: "Save version" }).click();
  await page.getByText(/^Saved version \d+$/).last().waitFor();
}

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await signUp(page, baseUrl, { name: "Grace Hopper", email: `grace-${randomUUID().slice(0, 8)}@example.com`, password: "compiler pioneer" });
  await page.goto(`${baseUrl}/projects/new`);
  await page.getByLabel("Project name").fill("Tandem");
  await page.getByRole("button", { name: "Create project" }).click();
  await page.waitForURL(`${baseUrl}/projects/tandem`);
});

afterAll(async () => {
  await browser?.close();
});

describe("the nine-stage wizard by hand", () => {
  it("starts stage 1 from the template's skeleton and blocks approval until it is valid", async () => {
    await page.getByRole("link", { name: /Continue: Vision/ }).click();
    await page.waitForURL(stageUrl(1));
    await expect(page.locator(".cm-content").textContent()).resolves.toContain("## Problem");
    await expect(page.getByRole("button", { name: "Approve" }).isDisabled()).resolves.toBe(true);

    const withoutNonGoals = readStageFixture(1).replace(/## Non-goals[\s\S]*$/, "");
    await replaceEditorText(withoutNonGoals);
    await page.locator("section[aria-label='Validation']").getByText(/Non-goals/).first().waitFor();
    await saveVersion();
    await page.getByText(/To approve: Fix 1 validation error/).waitFor();
    await expect(page.getByRole("button", { name: "Approve" }).isDisabled()).resolves.toBe(true);

    await replaceEditorText(readStageFixture(1));
    await page.getByText("No problems found.").first().waitFor();
    await saveVersion();
    await page.getByRole("button", { name: "Approve" }).click();
    await page.waitForURL(stageUrl(2));
  });

  it("approves stages 2 to 9 in turn, each opening the next", async () => {
    for (const stageNumber of fixtureStages.filter((n) => n >= 2)) {
      await page.waitForURL(stageUrl(stageNumber));
      await page.locator(`nav[aria-label='Stages'] li[data-stage='${stageNumber}']`).waitFor();
      if (stageNumber === 6) {
        // A parser error is marked at its line in the editor, and listed under it with its position.
        await replaceEditorText("create table tasks (\n  id uuid primary key,\n  title text not null,,\n);\n");
        await page.locator(".cm-gutter-lint .cm-lint-marker-error").waitFor();
        await page.locator("section[aria-label='Validation']").getByText(/line 3/).first().waitFor();
      }
      await replaceEditorText(readStageFixture(stageNumber));
      await page.locator("section[aria-label='Validation']").getByText("0 errors").waitFor();
      await saveVersion();
      await page.getByRole("button", { name: "Approve" }).click();
      await page.waitForURL(stageNumber < 9 ? stageUrl(stageNumber + 1) : `${baseUrl}/projects/tandem`);
    }
    const statuses = await page.locator("ol[aria-label='Stages'] > li").evaluateAll((items) => items.map((item) => item.getAttribute("data-status")));
    expect(statuses).toEqual(Array(9).fill("complete"));
  });

  it("reopens stage 3, edits it, and later stages show as stale", async () => {
    await page.goto(stageUrl(3));
    await page.getByRole("button", { name: "Reopen" }).click();
    await page.getByRole("button", { name: "Save version" }).waitFor();
    await replaceEditorText(readStageFixture(3).replace('"title": "', '"title": "Revised: '));
    await page.locator("section[aria-label='Validation']").getByText("0 errors").waitFor();
    await saveVersion();

    await page.goto(`${baseUrl}/projects/tandem`);
    const stale = await page.locator("ol[aria-label='Stages'] > li[data-stale]").evaluateAll((items) => items.map((item) => item.getAttribute("data-stage")));
    expect(stale).toEqual(["4", "5", "6", "7", "8", "9"]);
  });

  it("compares two versions side by side and reverts to the first", async () => {
    await page.goto(stageUrl(3));
    await page.getByRole("tab", { name: /History/ }).click();
    await page.getByRole("button", { name: "Compare v1 with v2" }).click();
    const diff = page.getByRole("region", { name: "Differences between version 1 and version 2" });
    await diff.waitFor();
    await expect(diff.locator("tr[data-kind='changed']").first().textContent()).resolves.toContain("Revised: ");

    await page.getByRole("button", { name: "Revert to v1" }).click();
    await page.getByText("Version 1 is active again").waitFor();
    await page.getByText("Version 1 · JSON").waitFor();

    await page.goto(`${baseUrl}/projects/tandem`);
    await expect(page.locator("ol[aria-label='Stages'] > li[data-stale]").count()).resolves.toBe(0);
  });

  it("renders Markdown without raw HTML", async () => {
    await page.goto(stageUrl(3));
    await page.getByRole("button", { name: "Approve" }).click();
    await page.waitForURL(stageUrl(4));
    await page.goto(stageUrl(1));
    await page.getByRole("button", { name: "Reopen" }).click();
    await page.getByRole("button", { name: "Save version" }).waitFor();
    await replaceEditorText(readStageFixture(1).replace("## Problem", "## Problem\n\n<script>window.__pwned = true</script> <b>bold?</b>"));
    await page.getByRole("tab", { name: "Preview" }).click();
    await page.getByText("<script>window.__pwned = true</script>").waitFor();
    await expect(page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).resolves.toBeUndefined();
  });
});
