// Export names and headers under fast-check (no entry can leave the archive root), and the package assembled from the demo fixtures.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assemblePackage, contentDisposition, entryName, packageRootName, validateForExport, writeZip, type ExportValidation, type PackageSource } from "@/lib/export";
import { stageDefinitions } from "@/lib/stages";
import { readStageFixture, type FixtureStage } from "@/seeds/demo/load";
import { readZip } from "../support/zip";

// Names that have broken archive tools: traversal, separators, quotes, controls, Unicode look-alikes and combining marks.
const hostileName = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.constantFrom("..", ".", "../../etc/passwd", "..\\..\\windows", "/abs/path", "C:\\x", 'quo"te', "it's", "ÅngströM ☃", "．．／", "a\u0000b", "\r\nSet-Cookie: x=1", "e\u0301\u0301", "-", ""),
  fc.array(fc.constantFrom("..", "/", "\\", ".", "a", "é", '"', "'", " ", "\u202e", "%2e"), { maxLength: 20 }).map((parts) => parts.join("")),
);

describe("package names", () => {
  it("reduces any project name to an ASCII root folder with no separator, dot or quote", () => {
    fc.assert(
      fc.property(hostileName, (name) => {
        const root = packageRootName(name);
        expect(root).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(root.endsWith("-spec")).toBe(true);
        expect(root.length).toBeLessThanOrEqual(65);
      }),
      { numRuns: 1000 },
    );
    expect(packageRootName("Ångström Café")).toBe("angstrom-cafe-spec");
    expect(packageRootName("../..")).toBe("project-spec");
  });

  it("either refuses a relative path or keeps it inside the root", () => {
    fc.assert(
      fc.property(hostileName, hostileName, (name, relative) => {
        const root = packageRootName(name);
        let entry: string;
        try {
          entry = entryName(root, relative);
        } catch (error) {
          expect(error).toBeInstanceOf(RangeError);
          return;
        }
        expect(entry.startsWith(`${root}/`)).toBe(true);
        expect(entry).not.toMatch(/\\|\/\/|(^|\/)\.\.?(\/|$)/);
        expect(path.posix.resolve("/unpack", entry).startsWith(`/unpack/${root}/`)).toBe(true);
        expect(path.win32.resolve("C:\\unpack", entry).startsWith(`C:\\unpack\\${root}\\`)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(() => entryName("tandem-spec", "../x")).toThrow(RangeError);
    expect(() => entryName("tandem-spec", "spec/../../x")).toThrow(RangeError);
    expect(() => entryName("tandem-spec", "/etc/passwd")).toThrow(RangeError);
    expect(entryName("tandem-spec", "spec/01-vision.md")).toBe("tandem-spec/spec/01-vision.md");
  });

  it("builds a Content-Disposition header that stays one ASCII line with a quoted filename and an RFC 5987 filename*", () => {
    fc.assert(
      fc.property(hostileName, (name) => {
        const header = contentDisposition(name);
        expect(header).toMatch(/^attachment; filename="[A-Za-z0-9._-]*"; filename\*=UTF-8''[A-Za-z0-9!'()*._~%-]*$/);
        expect(decodeURIComponent(header.split("filename*=UTF-8''")[1]!)).toBe(name);
      }),
      { numRuns: 1000 },
    );
    expect(contentDisposition("tandem-spec.zip")).toBe(`attachment; filename="tandem-spec.zip"; filename*=UTF-8''tandem-spec.zip`);
  });
});

describe("the assembled package", () => {
  let validation: ExportValidation;
  let directory: string;
  const source = (slug: string): PackageSource => ({
    project: { id: "00000000-0000-4000-8000-000000000000", name: slug, slug, description: null },
    template: { name: "SaaS Web App", category: "saas" },
    stages: stageDefinitions.map((stage) => ({
      number: stage.number,
      name: stage.name,
      label: stage.label,
      format: stage.format,
      approved: true,
      approvedAt: new Date("2025-03-01T12:00:00Z"),
      stale: false,
      output: { version: 1, content: readStageFixture(stage.number as FixtureStage) },
    })),
  });

  beforeAll(async () => {
    validation = await validateForExport(source("tandem").stages, "saas");
    directory = await mkdtemp(path.join(tmpdir(), "export-unit-"));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it("is valid for the demo fixtures and a pure function of its input", () => {
    expect(validation).toMatchObject({ status: "valid", messages: [] });
    const first = assemblePackage(source("tandem"), validation);
    const second = assemblePackage(source("tandem"), validation);
    expect(second.files.map((file) => file.content.toString("base64"))).toEqual(first.files.map((file) => file.content.toString("base64")));
  });

  it("writes zips whose every entry stays under the root, whatever the project is called", async () => {
    await fc.assert(
      fc.asyncProperty(hostileName, async (name) => {
        const pkg = assemblePackage(source(name), validation);
        const file = path.join(directory, "package.zip");
        await writeZip(pkg, file);
        const entries = await readZip(await readFile(file));
        expect(entries).toHaveLength(pkg.files.length);
        for (const entry of entries) {
          expect(entry.name.startsWith(`${pkg.root}/`)).toBe(true);
          expect(path.posix.resolve("/unpack", entry.name).startsWith(`/unpack/${pkg.root}/`)).toBe(true);
        }
      }),
      { numRuns: 25 },
    );
  });

  it("says in the package when the validation has errors", () => {
    const broken: ExportValidation = { ...validation, status: "errors", messages: [{ level: "error", stage: 6, code: "sql_syntax", message: "syntax error at or near \"TABLEE\"", path: "3:1" }] };
    const pkg = assemblePackage(source("tandem"), broken);
    const text = (name: string) => pkg.files.find((file) => file.path === name)!.content.toString("utf8");
    expect(pkg.manifest.validation).toEqual({ status: "errors", errors: 1, warnings: 0 });
    expect(text("VALIDATION.md")).toContain('## 6 · Data Model (version 1, approved)\n\n- **error** `sql_syntax` at `3:1`: syntax error at or near "TABLEE"');
    expect(text("README.md")).toContain("Validation: **errors** (1 error, 0 warnings)");
  });
});
