import { randomUUID } from "node:crypto";
import { constants } from "node:fs";
import { open, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { and, desc, eq, isNull, or } from "drizzle-orm";
import { z } from "zod";
import { recordActivity } from "../activity";
import type { Db, DbOrTx } from "../db/client";
import { exportPackages, projects } from "../db/schema";
import { exportDir } from "../env";
import { AppError, notFound, parseInput } from "../errors";
import { getProject } from "../projects";
import type { ValidationMessage } from "../stages/validators";
import { assemblePackage, GENERATOR, type SpecPackage } from "./package";
import { loadPackageSource, type PackageSource } from "./source";
import { validateForExport, type ExportStatus } from "./validation";
import { writeFolder, writeZip } from "./write";

export const exportFormats = ["zip", "folder"] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const createExportSchema = z.object({ format: z.enum(exportFormats, "Choose zip or folder.") });

type ProjectRow = typeof projects.$inferSelect;

export type ExportSummary = {
  id: string;
  format: ExportFormat;
  validationStatus: ExportStatus;
  messageCount: number;
  filePath: string;
  fileSizeBytes: number;
  exportedAt: Date;
};

export type ExportPreview = {
  status: ExportStatus;
  messages: ValidationMessage[];
  stages: { number: number; label: string; approved: boolean; stale: boolean; version: number | null }[];
  /** False when no stage has an output yet: there is nothing to export. */
  exportable: boolean;
};

const isUuid = (value: string) => z.uuid().safeParse(value).success;

function noOutputs(project: ProjectRow): AppError {
  return new AppError("validation", `“${project.name}” has no stage outputs yet, so there is nothing to export. Write or generate at least one stage first.`);
}

async function buildPackage(db: DbOrTx, project: ProjectRow): Promise<{ pkg: SpecPackage; messages: ValidationMessage[]; status: ExportStatus }> {
  const source = await loadPackageSource(db, project);
  if (source.stages.every((stage) => stage.output === null)) throw noOutputs(project);
  const validation = await validateForExport(source.stages, source.template?.category ?? null);
  return { pkg: assemblePackage(source, validation), messages: validation.messages, status: validation.status };
}

function previewOf(source: PackageSource, status: ExportStatus, messages: ValidationMessage[]): ExportPreview {
  return {
    status,
    messages,
    stages: source.stages.map((stage) => ({ number: stage.number, label: stage.label, approved: stage.approved, stale: stage.stale, version: stage.output?.version ?? null })),
    exportable: source.stages.some((stage) => stage.output !== null),
  };
}

/** What an export would say right now, without writing anything: the Export page's pre-flight. */
export async function previewExport(db: DbOrTx, userId: string, projectSlugOrId: string): Promise<ExportPreview> {
  const project = await getProject(db, userId, projectSlugOrId);
  const source = await loadPackageSource(db, project);
  const validation = await validateForExport(source.stages, source.template?.category ?? null);
  return previewOf(source, validation.status, validation.messages);
}

async function recordExport(
  db: Db,
  input: { id: string; project: ProjectRow; actorUserId: string | null; format: ExportFormat; status: ExportStatus; messages: ValidationMessage[]; filePath: string; bytes: number },
): Promise<ExportSummary> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(exportPackages)
      .values({ id: input.id, projectId: input.project.id, format: input.format, validationStatus: input.status, validationMessages: input.messages, filePath: input.filePath, fileSizeBytes: input.bytes })
      .returning();
    await recordActivity(tx, {
      projectId: input.project.id,
      actorUserId: input.actorUserId,
      type: "export.created",
      message: `Exported the spec as a ${input.format} (${input.status})`,
      metadata: { exportId: input.id, format: input.format, status: input.status, bytes: input.bytes },
    });
    return summaryOf(row!);
  });
}

function summaryOf(row: typeof exportPackages.$inferSelect): ExportSummary {
  return {
    id: row.id,
    format: row.format,
    validationStatus: row.validationStatus,
    messageCount: Array.isArray(row.validationMessages) ? row.validationMessages.length : 0,
    filePath: row.filePath,
    fileSizeBytes: row.fileSizeBytes,
    exportedAt: row.exportedAt,
  };
}

async function zipInto(pkg: SpecPackage, directory: string): Promise<{ filePath: string; bytes: number }> {
  const filePath = path.join(directory, `${pkg.root}.zip`);
  return { filePath, bytes: await writeZip(pkg, filePath) };
}

/** Validates, writes the package under the export folder (exports/<project>/<export>/…) and records it. Nothing stays on disk if any step fails. */
export async function createExport(db: Db, userId: string, projectSlugOrId: string, input: unknown): Promise<ExportSummary> {
  const { format } = parseInput(createExportSchema, input);
  const project = await getProject(db, userId, projectSlugOrId);
  const { pkg, messages, status } = await buildPackage(db, project);
  const id = randomUUID();
  const directory = path.join(exportDir, project.id, id);
  try {
    const written = format === "zip" ? await zipInto(pkg, directory) : await writeFolder(pkg, directory).then(({ folder, bytes }) => ({ filePath: folder, bytes }));
    return await recordExport(db, { id, project, actorUserId: userId, format, status, messages, ...written });
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}

/** The project's exports, newest first. */
export async function listExports(db: DbOrTx, userId: string, projectSlugOrId: string): Promise<ExportSummary[]> {
  const project = await getProject(db, userId, projectSlugOrId);
  const rows = await db.select().from(exportPackages).where(eq(exportPackages.projectId, project.id)).orderBy(desc(exportPackages.exportedAt), desc(exportPackages.id));
  return rows.map(summaryOf);
}

export type ExportDownload = { body: ReadableStream<Uint8Array>; fileName: string; bytes: number };

/** Opens a zip export of one of the user's projects for streaming. Anyone else's export id is a 404, as is a file gone from disk. */
export async function openExportDownload(db: DbOrTx, userId: string, exportId: string): Promise<ExportDownload> {
  if (!isUuid(exportId)) throw notFound("Export");
  const [row] = await db
    .select({ export: exportPackages })
    .from(exportPackages)
    .innerJoin(projects, eq(projects.id, exportPackages.projectId))
    .where(and(eq(exportPackages.id, exportId), eq(projects.userId, userId), isNull(projects.deletedAt)));
  if (!row) throw notFound("Export");
  if (row.export.format !== "zip") throw new AppError("conflict", `This export is a folder on the server's disk (${row.export.filePath}); only zip exports can be downloaded.`);
  // Open first, then size the open handle: the file cannot be swapped between the check and the read.
  const handle = await open(row.export.filePath, constants.O_RDONLY).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") throw new AppError("not_found", "The file of this export is no longer on the server. Export the project again.");
    throw error;
  });
  const { size } = await handle.stat();
  const stream = handle.createReadStream();
  // Node types its web stream apart from the DOM's ReadableStream that Response takes; at runtime they are one class.
  return { body: Readable.toWeb(stream) as ReadableStream<Uint8Array>, fileName: path.basename(row.export.filePath), bytes: size };
}

/** A project by id, or by slug when exactly one live project has it: the CLI acts for no particular user. */
async function findProjectForCli(db: DbOrTx, slugOrId: string): Promise<ProjectRow> {
  const rows = await db
    .select()
    .from(projects)
    .where(and(isNull(projects.deletedAt), isUuid(slugOrId) ? or(eq(projects.id, slugOrId), eq(projects.slug, slugOrId)) : eq(projects.slug, slugOrId)));
  if (rows.length === 0) throw notFound(`Project “${slugOrId}”`);
  if (rows.length > 1) throw new AppError("conflict", `${rows.length} projects have the slug “${slugOrId}”; pass the project's id instead: ${rows.map((row) => row.id).join(", ")}.`);
  return rows[0]!;
}

/** True when `folder` holds a package this generator wrote, so replacing it destroys nothing of the user's. */
async function isEarlierExport(folder: string): Promise<boolean> {
  try {
    const manifest = JSON.parse(await readFile(path.join(folder, "manifest.json"), "utf8")) as { generator?: { name?: unknown } };
    return manifest.generator?.name === GENERATOR.name;
  } catch {
    return false;
  }
}

async function exists(target: string): Promise<boolean> {
  return stat(target).then(
    () => true,
    () => false,
  );
}

/**
 * `npm run export`: writes the package anywhere on the server's disk (`<out>/<slug>-spec.zip` or
 * `<out>/<slug>-spec/`), replacing an earlier export there but never a folder it did not write.
 */
export async function exportToDirectory(db: Db, input: { project: string; format: ExportFormat; outDir: string }): Promise<ExportSummary> {
  const project = await findProjectForCli(db, input.project);
  const { pkg, messages, status } = await buildPackage(db, project);
  const outDir = path.resolve(input.outDir);
  const target = path.join(outDir, input.format === "zip" ? `${pkg.root}.zip` : pkg.root);
  if (input.format === "folder" && (await exists(target)) && !(await isEarlierExport(target))) {
    throw new AppError("conflict", `${target} exists and is not a Specwright export; move it away or choose another --out.`);
  }
  let bytes: number;
  if (input.format === "zip") {
    bytes = await writeZip(pkg, target);
  } else {
    // Written into a fresh sibling, then swapped in, so a failed run leaves the earlier export intact.
    const staging = path.join(outDir, `.${pkg.root}.staging-${randomUUID()}`);
    try {
      ({ bytes } = await writeFolder(pkg, staging));
      const previous = `${staging}-previous`;
      if (await exists(target)) await rename(target, previous);
      await rename(path.join(staging, pkg.root), target);
      await rm(previous, { recursive: true, force: true });
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  return recordExport(db, { id: randomUUID(), project, actorUserId: null, format: input.format, status, messages, filePath: target, bytes });
}
