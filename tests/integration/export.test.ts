// Export on real Postgres: the demo package's files, hashes, SQL, OpenAPI and task graph; reproducibility; drafts; bad input; the CLI.
import { spawnSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { validate } from "@readme/openapi-parser";
import { and, eq } from "drizzle-orm";
import postgres from "postgres";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { db } from "@/lib/db/client";
import { activityEvents, exportPackages, users } from "@/lib/db/schema";
import { exportDir } from "@/lib/env";
import { createExport, exportToDirectory, listExports, openExportDownload, previewExport, type Manifest } from "@/lib/export";
import { createProject, getProject } from "@/lib/projects";
import { approveStage, reopenStage, saveStageOutput } from "@/lib/stages";
import { DEMO_EMAIL, seedDemo } from "@/seeds/demo/seed";
import { readJsonFixture, readStageFixture } from "@/seeds/demo/load";
import { admin, withDatabase } from "../support/databases";
import { createUser } from "../support/factories";
import { readZip, type ZipEntry } from "../support/zip";

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

let demoUserId: string;
let demoProjectId: string;

beforeAll(async () => {
  await seedDemo(db, "demo password");
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_EMAIL));
  demoUserId = user!.id;
  demoProjectId = (await getProject(db, demoUserId, "tandem")).id;
});

async function exportZip(userId = demoUserId, projectId = demoProjectId) {
  const exported = await createExport(db, userId, projectId, { format: "zip" });
  const bytes = await readFile(exported.filePath);
  return { exported, bytes, entries: await readZip(bytes) };
}

const byName = (entries: ZipEntry[]) => new Map(entries.map((entry) => [entry.name.replace(/^[^/]+\//, ""), entry.data]));
const manifestOf = (entries: ZipEntry[]) => JSON.parse(byName(entries).get("manifest.json")!.toString("utf8")) as Manifest;

describe("the demo project's zip", () => {
  let entries: ZipEntry[];
  let files: Map<string, Buffer>;
  let manifest: Manifest;

  beforeAll(async () => {
    ({ entries } = await exportZip());
    files = byName(entries);
    manifest = manifestOf(entries);
  });

  it("lays out the designed files under one root folder, in a fixed order, with fixed time and mode", () => {
    expect(entries.map((entry) => entry.name)).toEqual(
      [
        "README.md",
        "AGENTS.md",
        "CLAUDE.md",
        "VALIDATION.md",
        "spec/01-vision.md",
        "spec/02-users.json",
        "spec/02-users.md",
        "spec/03-requirements.json",
        "spec/03-requirements.md",
        "spec/04-scope.json",
        "spec/04-scope.md",
        "spec/05-architecture.md",
        "spec/06-data-model.sql",
        "spec/07-api.openapi.yaml",
        "spec/08-ux.md",
        "spec/09-tasks.json",
        "spec/09-tasks.md",
        "manifest.json",
      ].map((name) => `tandem-spec/${name}`),
    );
    for (const entry of entries) {
      expect(entry.mode).toBe(0o644);
      expect(entry.date.toISOString()).toBe("1980-01-01T00:00:00.000Z");
    }
  });

  it("lists every other file in the manifest with its sha256 and size, and the stage versions", () => {
    expect(manifest.files.map((file) => file.path)).toEqual([...files.keys()].filter((name) => name !== "manifest.json"));
    for (const file of manifest.files) {
      expect(sha256(files.get(file.path)!), file.path).toBe(file.sha256);
      expect(files.get(file.path)!.length).toBe(file.bytes);
    }
    expect(manifest.project).toMatchObject({ id: demoProjectId, name: "Tandem", slug: "tandem" });
    expect(manifest.template).toMatchObject({ category: "saas" });
    expect(manifest.generator).toEqual({ name: "specwright", version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(manifest.validation).toEqual({ status: "valid", errors: 0, warnings: 0 });
    expect(manifest.stages.map((stage) => [stage.number, stage.status, stage.version])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [n, "approved", 1]));
    expect(manifest.stages.every((stage) => stage.approvedAt !== null)).toBe(true);
    expect(files.get("manifest.json")!.toString("utf8")).not.toMatch(/exportedAt|generatedAt/);
  });

  it("carries each stage's active version verbatim, and JSON stages also as readable Markdown", () => {
    expect(files.get("spec/06-data-model.sql")!.toString("utf8")).toBe(readStageFixture(6));
    expect(files.get("spec/03-requirements.json")!.toString("utf8")).toBe(readStageFixture(3));
    expect(files.get("spec/03-requirements.md")!.toString("utf8")).toMatch(/^# Requirements\n[\s\S]*### REQ-001/);
    expect(files.get("spec/09-tasks.md")!.toString("utf8")).toContain("| T-001 |");
  });

  it("writes a README with versions and approval dates, AGENTS.md for agents and CLAUDE.md pointing to it", () => {
    const readme = files.get("README.md")!.toString("utf8");
    expect(readme).toMatch(/^# Tandem: specification/);
    expect(readme).toMatch(/\| 6 \| Data Model \| \[spec\/06-data-model.sql\]\(spec\/06-data-model.sql\) \| 1 \| Approved \d{4}-\d{2}-\d{2} \|/);
    expect(readme).toContain("Connect an agent");
    const agents = files.get("AGENTS.md")!.toString("utf8");
    expect(agents).toContain("## Read in this order");
    expect(agents).toContain("set_task_status");
    expect(agents).toContain("spec/09-tasks.json");
    expect(files.get("CLAUDE.md")!.toString("utf8")).toContain("@AGENTS.md");
    expect(files.get("VALIDATION.md")!.toString("utf8")).toContain("Status: **valid** (0 errors, 0 warnings)");
  });

  it("has SQL that applies to a fresh PostgreSQL database", async () => {
    const serverUrl = inject("postgresServerUrl");
    const name = `export_sql_${randomUUID().replaceAll("-", "")}`;
    const server = { url: (database: string) => withDatabase(serverUrl, database) };
    await admin(server, (sql) => sql.unsafe(`create database ${name}`));
    const sql = postgres(server.url(name), { max: 1, onnotice: () => {} });
    try {
      await sql.unsafe(files.get("spec/06-data-model.sql")!.toString("utf8"));
      const tables = await sql<{ table_name: string }[]>`select table_name from information_schema.tables where table_schema = 'public' order by table_name`;
      expect(tables.map((row) => row.table_name)).toEqual(["comments", "invitations", "memberships", "tasks", "users", "workspaces"]);
    } finally {
      await sql.end();
      await admin(server, (admin) => admin.unsafe(`drop database ${name} with (force)`));
    }
  });

  it("has an OpenAPI document that a validator accepts", async () => {
    const directory = await mkdtemp(path.join(tmpdir(), "export-openapi-"));
    const file = path.join(directory, "07-api.openapi.yaml");
    await writeFile(file, files.get("spec/07-api.openapi.yaml")!);
    const result = await validate(file, { resolve: { external: false } });
    await rm(directory, { recursive: true });
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(parseYaml(files.get("spec/07-api.openapi.yaml")!.toString("utf8"))).toMatchObject({ openapi: expect.stringMatching(/^3\.1/) });
  });

  it("has a task list whose dependencies resolve and form no cycle, and that covers every must requirement", () => {
    type Task = { id: string; dependsOn: string[]; requirementIds: string[]; milestone: string };
    const { tasks } = JSON.parse(files.get("spec/09-tasks.json")!.toString("utf8")) as { tasks: Task[] };
    const { requirements } = JSON.parse(files.get("spec/03-requirements.json")!.toString("utf8")) as { requirements: { id: string; priority: string }[] };
    const { milestones } = JSON.parse(files.get("spec/04-scope.json")!.toString("utf8")) as { milestones: { id: string }[] };
    const ids = new Set(tasks.map((task) => task.id));
    expect(ids.size).toBe(tasks.length);
    for (const task of tasks) {
      for (const dependency of task.dependsOn) expect(ids.has(dependency), `${task.id} → ${dependency}`).toBe(true);
      for (const requirement of task.requirementIds) expect(requirements.some((r) => r.id === requirement)).toBe(true);
      expect(milestones.some((milestone) => milestone.id === task.milestone)).toBe(true);
    }
    // Kahn's algorithm: every task gets ordered exactly when the graph has no cycle.
    const remaining = new Map(tasks.map((task) => [task.id, new Set(task.dependsOn)]));
    const order: string[] = [];
    while (remaining.size > 0) {
      const ready = [...remaining].filter(([, dependencies]) => dependencies.size === 0).map(([id]) => id);
      expect(ready.length, "a dependency cycle").toBeGreaterThan(0);
      for (const id of ready) {
        remaining.delete(id);
        order.push(id);
        for (const dependencies of remaining.values()) dependencies.delete(id);
      }
    }
    expect(order).toHaveLength(tasks.length);
    const covered = new Set(tasks.flatMap((task) => task.requirementIds));
    expect(requirements.filter((r) => r.priority === "must" && !covered.has(r.id))).toEqual([]);
  });
});

describe("records and reproducibility", () => {
  it("records each export with its path and size, and an activity event", async () => {
    const { exported, bytes } = await exportZip();
    const [row] = await db.select().from(exportPackages).where(eq(exportPackages.id, exported.id));
    expect(row).toMatchObject({ projectId: demoProjectId, format: "zip", validationStatus: "valid", validationMessages: [], fileSizeBytes: bytes.length });
    expect(row!.filePath).toBe(path.join(exportDir, demoProjectId, exported.id, "tandem-spec.zip"));
    const events = await db.select().from(activityEvents).where(and(eq(activityEvents.projectId, demoProjectId), eq(activityEvents.type, "export.created")));
    expect(events.some((event) => (event.metadata as { exportId?: string }).exportId === exported.id)).toBe(true);
    const history = await listExports(db, demoUserId, "tandem");
    expect(history[0]).toMatchObject({ id: exported.id, format: "zip", validationStatus: "valid", fileSizeBytes: bytes.length });
  });

  it("gives byte-identical zips for unchanged versions, and a folder with the same files", async () => {
    const first = await exportZip();
    const second = await exportZip();
    expect(second.exported.id).not.toBe(first.exported.id);
    expect(sha256(second.bytes)).toBe(sha256(first.bytes));

    const folder = await createExport(db, demoUserId, demoProjectId, { format: "folder" });
    expect(folder.filePath).toBe(path.join(exportDir, demoProjectId, folder.id, "tandem-spec"));
    for (const [name, data] of byName(first.entries)) expect(sha256(await readFile(path.join(folder.filePath, name))), name).toBe(sha256(data));
    expect(folder.fileSizeBytes).toBe(first.entries.reduce((total, entry) => total + entry.data.length, 0));
  });

  it("changes exactly the changed stage's files, plus the README, VALIDATION.md and manifest that list versions", async () => {
    const user = await createUser("Grace");
    const project = await createProject(db, user.id, { name: "Copy of Tandem" });
    for (const stageNumber of [1, 2, 3, 4, 5, 6, 7, 8, 9]) {
      await saveStageOutput(db, { userId: user.id, projectId: project.id, stageNumber }, { content: readStageFixture(stageNumber as 1) });
      await approveStage(db, { userId: user.id, projectId: project.id, stageNumber });
    }
    const before = manifestOf((await exportZip(user.id, project.id)).entries);

    const ref = { userId: user.id, projectId: project.id, stageNumber: 9 };
    const tasks = readJsonFixture<{ tasks: { title: string }[] }>(9);
    tasks.tasks[0]!.title = "Database schema, migrations and seed data";
    await reopenStage(db, ref);
    await saveStageOutput(db, ref, { content: JSON.stringify(tasks, null, 2) });
    await approveStage(db, ref);
    const after = manifestOf((await exportZip(user.id, project.id)).entries);

    const hashes = (manifest: Manifest) => new Map(manifest.files.map((file) => [file.path, file.sha256]));
    const changed = [...hashes(before)].filter(([name, hash]) => hashes(after).get(name) !== hash).map(([name]) => name);
    expect(changed).toEqual(["README.md", "VALIDATION.md", "spec/09-tasks.json", "spec/09-tasks.md"]);
    expect(after.stages.map((stage) => stage.version)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 2]);
  });
});

describe("status tells the truth", () => {
  it("includes unapproved stages as drafts, leaves missing ones out and reports warnings", async () => {
    const user = await createUser("Linus");
    const project = await createProject(db, user.id, { name: "Half done" });
    await saveStageOutput(db, { userId: user.id, projectId: project.id, stageNumber: 1 }, { content: readStageFixture(1) });
    const preview = await previewExport(db, user.id, project.id);
    expect(preview).toMatchObject({ status: "warnings", exportable: true });
    expect(preview.messages.filter((m) => m.stage === 1).map((m) => m.code)).toEqual(["draft_stage"]);
    expect(preview.messages.filter((m) => m.code === "missing_stage")).toHaveLength(8);

    const { exported, entries } = await exportZip(user.id, project.id);
    expect(exported.validationStatus).toBe("warnings");
    expect(entries.map((entry) => entry.name)).toEqual(["README.md", "AGENTS.md", "CLAUDE.md", "VALIDATION.md", "spec/01-vision.md", "manifest.json"].map((name) => `half-done-spec/${name}`));
    const manifest = manifestOf(entries);
    expect(manifest.stages[0]).toMatchObject({ status: "draft", version: 1, approvedAt: null });
    expect(manifest.stages[1]).toMatchObject({ status: "missing", version: null, files: [] });
    expect(byName(entries).get("README.md")!.toString("utf8")).toContain("| 1 | Vision & Problem | [spec/01-vision.md](spec/01-vision.md) | 1 | **Draft**, not approved |");
  });

  it("raises broken traceability to errors at export: a must requirement no task covers", async () => {
    const user = await createUser("Barbara");
    const project = await createProject(db, user.id, { name: "Gaps" });
    const tasks = readJsonFixture<{ tasks: { requirementIds: string[] }[] }>(9);
    for (const task of tasks.tasks) task.requirementIds = task.requirementIds.filter((id) => id !== "REQ-001");
    for (const stageNumber of [1, 2, 3, 4, 5, 6, 7, 8, 9]) {
      const content = stageNumber === 9 ? JSON.stringify(tasks, null, 2) : readStageFixture(stageNumber as 1);
      await saveStageOutput(db, { userId: user.id, projectId: project.id, stageNumber }, { content });
      // Approve keeps the gap a warning; only the export makes it an error.
      await approveStage(db, { userId: user.id, projectId: project.id, stageNumber });
    }
    const exported = await createExport(db, user.id, project.id, { format: "zip" });
    expect(exported.validationStatus).toBe("errors");
    const [row] = await db.select().from(exportPackages).where(eq(exportPackages.id, exported.id));
    expect(row!.validationMessages).toEqual([expect.objectContaining({ level: "error", stage: 9, code: "uncovered_must_requirement", message: expect.stringContaining("REQ-001") })]);
    const validation = byName(await readZip(await readFile(exported.filePath))).get("VALIDATION.md")!.toString("utf8");
    expect(validation).toContain("- **error** `uncovered_must_requirement`: Requirement REQ-001");
  });
});

describe("bad input: a clear 4xx and nothing written", () => {
  const exportRows = async (projectId: string) => db.$count(exportPackages, eq(exportPackages.projectId, projectId));

  it("answers another user's project or export with 404", async () => {
    const intruder = await createUser("Mallory");
    const { exported } = await exportZip();
    const rowsBefore = await exportRows(demoProjectId);
    await expect(createExport(db, intruder.id, demoProjectId, { format: "zip" })).rejects.toMatchObject({ status: 404 });
    await expect(createExport(db, intruder.id, "tandem", { format: "zip" })).rejects.toMatchObject({ status: 404 });
    await expect(listExports(db, intruder.id, demoProjectId)).rejects.toMatchObject({ status: 404 });
    await expect(previewExport(db, intruder.id, demoProjectId)).rejects.toMatchObject({ status: 404 });
    await expect(openExportDownload(db, intruder.id, exported.id)).rejects.toMatchObject({ status: 404, message: "Export not found." });
    await expect(openExportDownload(db, demoUserId, "not-a-uuid")).rejects.toMatchObject({ status: 404 });
    await expect(openExportDownload(db, demoUserId, randomUUID())).rejects.toMatchObject({ status: 404 });
    expect(await exportRows(demoProjectId)).toBe(rowsBefore);
  });

  it("streams the owner's zip, and answers 404 once its file is deleted", async () => {
    const { exported, bytes } = await exportZip();
    const download = await openExportDownload(db, demoUserId, exported.id);
    expect(download).toMatchObject({ fileName: "tandem-spec.zip", bytes: bytes.length });
    expect(Buffer.from(await new Response(download.body).arrayBuffer()).equals(bytes)).toBe(true);

    await rm(exported.filePath);
    await expect(openExportDownload(db, demoUserId, exported.id)).rejects.toMatchObject({ status: 404, message: expect.stringContaining("no longer on the server") });
  });

  it("refuses to download a folder export", async () => {
    const folder = await createExport(db, demoUserId, demoProjectId, { format: "folder" });
    await expect(openExportDownload(db, demoUserId, folder.id)).rejects.toMatchObject({ status: 409 });
  });

  it("answers a project with no outputs and an unknown format with 422, writing nothing", async () => {
    const user = await createUser("Edsger");
    const project = await createProject(db, user.id, { name: "Empty" });
    await expect(createExport(db, user.id, project.id, { format: "zip" })).rejects.toMatchObject({ status: 422, message: expect.stringContaining("no stage outputs yet") });
    await expect(createExport(db, user.id, project.id, { format: "tar" })).rejects.toMatchObject({ status: 422, fieldErrors: { format: ["Choose zip or folder."] } });
    expect((await previewExport(db, user.id, project.id)).exportable).toBe(false);
    expect(await exportRows(project.id)).toBe(0);
    expect(existsSync(path.join(exportDir, project.id))).toBe(false);
  });
});

describe("npm run export", () => {
  it("writes a folder anywhere, replaces its own earlier export and refuses to overwrite anything else", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "export-cli-"));
    const first = await exportToDirectory(db, { project: "tandem", format: "folder", outDir: out });
    expect(first.filePath).toBe(path.join(out, "tandem-spec"));
    await writeFile(path.join(first.filePath, "stray.txt"), "left over");
    await exportToDirectory(db, { project: demoProjectId, format: "folder", outDir: out });
    expect((await readdir(first.filePath)).sort()).toEqual(["AGENTS.md", "CLAUDE.md", "README.md", "VALIDATION.md", "manifest.json", "spec"]);
    expect(await readdir(out)).toEqual(["tandem-spec"]);

    await mkdir(path.join(out, "other"), { recursive: true });
    const foreign = path.join(out, "other", "tandem-spec");
    await mkdir(foreign);
    await writeFile(path.join(foreign, "notes.txt"), "mine");
    await expect(exportToDirectory(db, { project: "tandem", format: "folder", outDir: path.join(out, "other") })).rejects.toMatchObject({ status: 409 });
    expect(await readdir(foreign)).toEqual(["notes.txt"]);
    await rm(out, { recursive: true });
  });

  it("runs as a command: boots, writes the zip, prints the status and exits 0; a wrong project exits 1", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "export-cli-"));
    const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL, LOG_LEVEL: "warn" };
    const run = spawnSync("npx", ["tsx", "lib/export/cli.ts", "--project", "tandem", "--format", "zip", "--out", out], { env, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Wrote ${path.join(out, "tandem-spec.zip")}`);
    expect(run.stdout).toContain("Validation: valid");
    const entries = await readZip(await readFile(path.join(out, "tandem-spec.zip")));
    expect(entries.at(-1)!.name).toBe("tandem-spec/manifest.json");

    const missing = spawnSync("npx", ["tsx", "lib/export/cli.ts", "--project", "no-such-project", "--out", out], { env, encoding: "utf8" });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("Project “no-such-project” not found.");
    const usage = spawnSync("npx", ["tsx", "lib/export/cli.ts", "--format", "rar"], { env, encoding: "utf8" });
    expect(usage.status).toBe(2);
    await rm(out, { recursive: true });
  }, 60_000);
});
