// In a real browser: the demo project's Export page shows a valid pre-flight, exports a zip, downloads it, and another user cannot fetch it.
import { createHash, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Manifest } from "@/lib/export";
import { readZip } from "../support/zip";
import { launchBrowser, seedDemoInAppDatabase, signIn, signUp } from "./support/browser";

const baseUrl = inject("baseUrl");
let browser: Browser;
let page: Page;
let closeDb: () => Promise<void>;
const demoPassword = "demo export password";

beforeAll(async () => {
  const app = await seedDemoInAppDatabase(inject("databaseUrl"), demoPassword);
  closeDb = app.close;
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await signIn(page, baseUrl, { email: app.demo.email, password: demoPassword });
});

afterAll(async () => {
  await browser?.close();
  await closeDb?.();
});

describe("export", () => {
  let downloadUrl: string;

  it("shows the pre-flight with a valid status and each stage linking to its page", async () => {
    await page.goto(`${baseUrl}/projects/tandem`);
    await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Export" }).click();
    await page.waitForURL(`${baseUrl}/projects/tandem/export`);
    await page.getByRole("heading", { name: "Pre-flight" }).waitFor();
    await expect(page.locator("[data-export-status]").first().textContent()).resolves.toBe("Valid");
    const stages = page.getByRole("list", { name: "Pre-flight by stage" }).locator(":scope > li");
    await expect(stages.count()).resolves.toBe(9);
    await expect(stages.nth(8).getByRole("link").getAttribute("href")).resolves.toBe("/projects/tandem/stages/9");
    await page.getByText("No exports yet.").waitFor();
  });

  it("exports a zip and lists it in the history", async () => {
    await page.getByRole("button", { name: "Export zip" }).click();
    const row = page.getByRole("table", { name: "Export history" }).locator("tbody tr").first();
    await row.getByRole("link", { name: "Download" }).waitFor();
    await expect(row.locator("td").nth(1).textContent()).resolves.toBe("zip");
    await expect(row.locator("[data-export-status]").textContent()).resolves.toBe("Valid");
    downloadUrl = new URL((await row.getByRole("link", { name: "Download" }).getAttribute("href"))!, baseUrl).toString();
  });

  it("downloads the zip under the project's name, with every file matching the manifest", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download" }).first().click()]);
    expect(download.suggestedFilename()).toBe("tandem-spec.zip");
    const entries = await readZip(await readFile((await download.path())!));
    expect(entries.map((entry) => entry.name)).toContain("tandem-spec/spec/06-data-model.sql");
    const manifest = JSON.parse(entries.find((entry) => entry.name === "tandem-spec/manifest.json")!.data.toString("utf8")) as Manifest;
    expect(manifest.validation.status).toBe("valid");
    for (const file of manifest.files) {
      const entry = entries.find((candidate) => candidate.name === `tandem-spec/${file.path}`)!;
      expect(createHash("sha256").update(entry.data).digest("hex"), file.path).toBe(file.sha256);
    }
  });

  it("answers another signed-in user's request for the download with 404", async () => {
    const other = await browser.newPage();
    await signUp(other, baseUrl, { name: "Mallory", email: `mallory-${randomUUID().slice(0, 8)}@example.com`, password: "not the owner at all" });
    const response = await other.request.get(downloadUrl);
    expect(response.status()).toBe(404);
    await expect(response.json()).resolves.toMatchObject({ error: { code: "not_found" } });
    const anonymous = await browser.newContext();
    expect((await anonymous.request.get(downloadUrl)).status()).toBe(401);
    await other.close();
    await anonymous.close();
  });
});
