// Export of a ~1 MB spec: time as a ratio to `zip -r` of the same files in the same run, and peak memory (RSS).
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const RUNS = 5;
const workDir = await mkdtemp(path.join(tmpdir(), "specwright-bench-export-"));
// lib/env.ts reads the environment once, at its first import: everything from lib/ is imported after this.
process.env.EXPORT_DIR = path.join(workDir, "exports");
process.env.LOG_LEVEL ??= "warn";

const { startTestPostgres, prepareTemplateDatabase } = await import("../support/postgres");
const { createDatabaseFromTemplate } = await import("../support/databases");
const { drizzle } = await import("drizzle-orm/postgres-js");
const postgres = (await import("postgres")).default;
const schema = await import("../../lib/db/schema");
const { createProject } = await import("../../lib/projects");
const { approveStage, saveStageOutput } = await import("../../lib/stages");
const { createExport, writeFolder, writeZip, assemblePackage, validateForExport } = await import("../../lib/export");
const { readStageFixture, readJsonFixture } = await import("../../seeds/demo/load");

const server = await startTestPostgres();
await prepareTemplateDatabase(server);
const client = postgres(await createDatabaseFromTemplate(server, `bench_${randomUUID().replaceAll("-", "")}`), { max: 4, onnotice: () => {} });
const db = drizzle(client, { schema });

// Seeded prose, so the text compresses like real writing rather than like one repeated line (which would flatter any zip).
const words = "team task owner due date comment thread blocked list workspace member invite assign review status filter board sprint release note priority label search archive export notify mention deadline progress".split(" ");
let seed = 42;
const nextWord = () => words[(seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % words.length]!;
const sentence = () => `${Array.from({ length: 12 }, nextWord).join(" ")}.`;
const prose = (bytes: number) => {
  const paragraphs: string[] = [];
  for (let size = 0; size < bytes; size += paragraphs.at(-1)!.length + 2) paragraphs.push(Array.from({ length: 6 }, sentence).join(" "));
  return paragraphs.join("\n\n");
};
const padMarkdown = (content: string, kilobytes: number) => `${content.trimEnd()}\n\n${prose(kilobytes * 1024)}\n`;
const id = (prefix: string, n: number) => `${prefix}-${String(n).padStart(3, "0")}`;

/** The demo fixtures scaled up to about 1 MB of stage outputs, still valid so approval goes through. */
function scaledStages(): Record<number, string> {
  type Requirement = { id: string; priority: string; title: string; story: string };
  type Task = { id: string; title: string; description: string; dependsOn: string[]; requirementIds: string[]; milestone: string };
  const requirements = readJsonFixture<{ requirements: Requirement[]; nonFunctional: unknown[] }>(3);
  const template = requirements.requirements[0]!;
  for (let n = 100; n < 400; n += 1) requirements.requirements.push({ ...template, id: id("REQ", n), priority: "could", title: sentence(), story: prose(200) });
  const tasks = readJsonFixture<{ tasks: Task[] }>(9);
  const taskTemplate = tasks.tasks[0]!;
  for (let n = 100; n < 500; n += 1) tasks.tasks.push({ ...taskTemplate, id: id("T", n), title: sentence(), description: prose(150), dependsOn: n === 100 ? [] : [id("T", n - 1)], requirementIds: [id("REQ", 100 + (n % 300))], milestone: "M1" });
  const tables = Array.from({ length: 500 }, (_, n) => `CREATE TABLE bench_${n} (\n  id uuid PRIMARY KEY,\n  title text NOT NULL,\n  created_at timestamptz NOT NULL DEFAULT now()\n);`).join("\n\n");
  return {
    1: padMarkdown(readStageFixture(1), 60),
    2: readStageFixture(2),
    3: JSON.stringify(requirements, null, 2),
    4: readStageFixture(4),
    5: padMarkdown(readStageFixture(5), 80),
    6: `${readStageFixture(6)}\n${tables}\n`,
    7: readStageFixture(7),
    8: padMarkdown(readStageFixture(8), 80),
    9: JSON.stringify(tasks, null, 2),
  };
}

const [user] = await db.insert(schema.users).values({ email: `bench-${randomUUID()}@example.com`, name: "Bench" }).returning();
const project = await createProject(db, user!.id, { name: "Bench Tandem" });
const contents = scaledStages();
for (const stageNumber of [1, 2, 3, 4, 5, 6, 7, 8, 9]) {
  const ref = { userId: user!.id, projectId: project.id, stageNumber };
  await saveStageOutput(db, ref, { content: contents[stageNumber]! });
  await approveStage(db, ref);
}
const specBytes = Object.values(contents).reduce((total, content) => total + Buffer.byteLength(content), 0);

/** Peak RSS while `work` runs, sampled every 2 ms (and once at the end, so a short run is not missed). */
async function measure<T>(work: () => Promise<T>): Promise<{ ms: number; peakRss: number; result: T }> {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 2);
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  clearInterval(sampler);
  return { ms, peakRss: Math.max(peakRss, process.memoryUsage().rss), result };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mb = (bytes: number) => (bytes < 1_048_576 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1_048_576).toFixed(2)} MB`);

const baselineRss = process.memoryUsage().rss;
const full: number[] = [];
let peakRss = 0;
let zipBytes = 0;
for (let run = 0; run < RUNS; run += 1) {
  const { ms, peakRss: peak, result } = await measure(() => createExport(db, user!.id, project.id, { format: "zip" }));
  full.push(ms);
  peakRss = Math.max(peakRss, peak);
  zipBytes = result.fileSizeBytes;
}

// The packaging step alone, on the same validated input: what `zip -r` is directly comparable with.
const { loadPackageSource } = await import("../../lib/export/source");
const source = await loadPackageSource(db, project);
const validation = await validateForExport(source.stages, null);
const pkg = assemblePackage(source, validation);
const packaging: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  const { ms } = await measure(async () => writeZip(assemblePackage(source, validation), path.join(workDir, `packaging-${run}.zip`)));
  packaging.push(ms);
}

const unpacked = await writeFolder(pkg, path.join(workDir, "folder"));
const zipBinary = spawnSync("zip", ["-v"], { encoding: "utf8" });
let zipMs: number | null = null;
if (zipBinary.error || zipBinary.status !== 0) {
  console.log("`zip` is not installed (apt-get install zip): no ratio to `zip -r` this run.");
} else {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const target = path.join(workDir, `zip-r-${run}.zip`);
    const started = performance.now();
    // -X leaves out extra attributes, -q keeps it quiet: the same files, zip's default deflate level 6.
    const zipped = spawnSync("zip", ["-q", "-r", "-X", target, pkg.root], { cwd: path.dirname(unpacked.folder) });
    times.push(performance.now() - started);
    if (zipped.status !== 0) throw new Error(`zip -r failed: ${zipped.stderr}`);
  }
  zipMs = median(times);
  console.log(`zip -r: ${zipMs.toFixed(1)} ms (median of ${RUNS}), ${mb((await stat(path.join(workDir, "zip-r-0.zip"))).size)}`);
}

console.log(`spec: ${mb(specBytes)} of stage outputs; package: ${pkg.files.length} files, ${mb(unpacked.bytes)} unpacked, zip ${mb(zipBytes)}`);
console.log(`export (load + validate + package + write + record): ${median(full).toFixed(1)} ms (median of ${RUNS})${zipMs ? `, ${(median(full) / zipMs).toFixed(1)}× zip -r` : ""}`);
console.log(`packaging only (assemble + hash + deflate + write): ${median(packaging).toFixed(1)} ms${zipMs ? `, ${(median(packaging) / zipMs).toFixed(2)}× zip -r` : ""}`);
console.log(`peak RSS during export: ${mb(peakRss)} (${mb(peakRss - baselineRss)} above the ${mb(baselineRss)} before it)`);

await client.end();
await server.stop();
await rm(workDir, { recursive: true, force: true });
