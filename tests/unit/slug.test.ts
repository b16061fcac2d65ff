// Slug rules: URL-safe whatever the project name contains, and unique suffixes when taken.
import { describe, expect, it } from "vitest";
import { firstFreeSlug, slugify } from "@/lib/projects/slug";

describe("slugify", () => {
  it.each([
    ["My Great App", "my-great-app"],
    ["  Crème brûlée — v2!  ", "creme-brulee-v2"],
    ["../../etc/passwd", "etc-passwd"],
    ["<script>alert(1)</script>", "script-alert-1-script"],
    ["日本語", "project"],
    ["---", "project"],
    ["a/b?c#d&e=f%20", "a-b-c-d-e-f-20"],
  ])("%j becomes %j", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it("caps the length without leaving a trailing dash", () => {
    const slug = slugify(`${"word ".repeat(30)}`);
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

describe("firstFreeSlug", () => {
  it("keeps the base when free and numbers it when taken", () => {
    expect(firstFreeSlug("app", new Set())).toBe("app");
    expect(firstFreeSlug("app", new Set(["app"]))).toBe("app-2");
    expect(firstFreeSlug("app", new Set(["app", "app-2", "app-3"]))).toBe("app-4");
  });

  it("stays within the length cap when suffixed", () => {
    const base = "x".repeat(60);
    expect(firstFreeSlug(base, new Set([base]))).toBe(`${"x".repeat(58)}-2`);
  });
});
