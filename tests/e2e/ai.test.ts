// In a real browser: add a custom (OpenAI-compatible) provider pointed at a local server that speaks the real wire format, draft stage 1 with AI, watch the text stream in, and find the new AI version; usage shows the call.
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { readStageFixture } from "@/seeds/demo/load";
import { startFakeAiServer, type FakeAiServer } from "../support/fake-ai-server";
import { launchBrowser, signUp } from "./support/browser";

const baseUrl = inject("baseUrl");
let browser: Browser;
let page: Page;
let fake: FakeAiServer;

beforeAll(async () => {
  fake = await startFakeAiServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await signUp(page, baseUrl, { name: "Alan Turing", email: `alan-${randomUUID().slice(0, 8)}@example.com`, password: "universal machine" });
});

afterAll(async () => {
  await browser?.close();
  await fake?.close();
});

describe("AI drafting", () => {
  it("adds a custom provider; the key never comes back to the page", async () => {
    await page.goto(`${baseUrl}/settings/ai`);
    await page.getByRole("button", { name: "Add provider" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Provider", { exact: true }).selectOption("custom");
    await dialog.getByLabel("Label", { exact: true }).fill("Local server");
    await dialog.getByLabel("API key (optional)").fill("sk-e2e-canary-1234567890abcdef");
    await dialog.getByLabel("Model", { exact: true }).fill("llama3.1:8b");
    await dialog.getByLabel("Base URL", { exact: true }).fill(`${fake.url}/v1`);
    await dialog.getByRole("button", { name: "Add provider" }).click();
    await page.getByText("Local server").first().waitFor();
    expect(await page.content()).not.toContain("sk-e2e-canary-1234567890abcdef");
  });

  it("streams a draft of stage 1 into the page, survives a reload mid-draft, and saves it as an AI version", async () => {
    await page.goto(`${baseUrl}/projects/new`);
    await page.getByLabel("Project name").fill("Streamed");
    await page.getByRole("button", { name: "Create project" }).click();
    await page.waitForURL(`${baseUrl}/projects/streamed`);
    await page.goto(`${baseUrl}/projects/streamed/stages/1`);

    const text = readStageFixture(1);
    fake.enqueue({ kind: "text", text, inputTokens: 321, outputTokens: 654, chunkDelayMs: 600 });
    await page.getByRole("button", { name: "Draft with AI" }).click();

    // Part of the text is on the page while the provider is still sending the rest.
    const draft = page.getByLabel("AI draft");
    await draft.getByText("## Problem").waitFor({ timeout: 15_000 });
    const partial = (await draft.textContent()) ?? "";
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(text.length);

    // A reload mid-draft shows the same draft running, text so far included, then its result.
    await page.reload();
    await page.getByLabel("AI draft").getByText("## Problem").waitFor({ timeout: 10_000 });
    await page.getByRole("button", { name: "Cancel draft" }).waitFor();
    await expect(page.getByRole("button", { name: "Approve" }).isDisabled()).resolves.toBe(true);
    await page.getByText("AI draft saved as version 1").waitFor({ timeout: 20_000 });
    await page.getByText("Version 1 · MD").waitFor();
    await page.getByRole("tab", { name: /History/ }).click();
    await expect(page.locator("tr[data-version='1']").textContent()).resolves.toContain("AI");
    expect(fake.requests.at(-1)!.headers.authorization).toBe("Bearer sk-e2e-canary-1234567890abcdef");
  });

  it("shows the call with its tokens on the Usage page", async () => {
    await page.goto(`${baseUrl}/usage`);
    const byModel = page.getByRole("table", { name: "By model" });
    await byModel.waitFor();
    const cells = await byModel.getByRole("row", { name: /llama3\.1:8b/ }).getByRole("cell").allTextContents();
    expect(cells).toEqual(["llama3.1:8b", "1", "321", "654", "$0.0000"]);
  });
});
