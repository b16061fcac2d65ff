import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { ZipArchive } from "archiver";
import { entryName } from "./names";
import type { SpecPackage } from "./package";

/**
 * Every entry carries this time and mode, so the archive depends only on the files' bytes. The DOS
 * epoch is the earliest time a zip can hold; archiver writes it in UTC, so the machine's zone does not leak in.
 */
export const ENTRY_DATE = new Date("1980-01-01T00:00:00Z");
export const ENTRY_MODE = 0o644;
/** zlib's default level, as `zip` uses; deflate is deterministic for the same input, level and zlib build. */
export const DEFLATE_LEVEL = 6;

const partialName = (target: string) => path.join(path.dirname(target), `.${path.basename(target)}.partial-${randomBytes(6).toString("hex")}`);

/** Streams the package as a zip into `file`; readers never see a half-written file (it appears by rename). Returns its size. */
export async function writeZip(pkg: SpecPackage, file: string): Promise<number> {
  await mkdir(path.dirname(file), { recursive: true });
  const partial = partialName(file);
  const archive = new ZipArchive({ zlib: { level: DEFLATE_LEVEL } });
  for (const entry of pkg.files) archive.append(entry.content, { name: entryName(pkg.root, entry.path), date: ENTRY_DATE, mode: ENTRY_MODE });
  try {
    await Promise.all([pipeline(archive, createWriteStream(partial, { mode: ENTRY_MODE })), archive.finalize()]);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return (await stat(file)).size;
}

/** Writes the package unpacked as `parent/<root>/…`, built aside and moved into place. Returns the folder and its total bytes. */
export async function writeFolder(pkg: SpecPackage, parent: string): Promise<{ folder: string; bytes: number }> {
  const folder = path.join(parent, pkg.root);
  const partial = partialName(folder);
  try {
    for (const file of pkg.files) {
      // entryName rejects anything that could climb out; the result is relative to `partial`'s parent.
      const target = path.join(partial, entryName(pkg.root, file.path).slice(pkg.root.length + 1));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.content, { mode: ENTRY_MODE });
    }
    await rename(partial, folder);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
  return { folder, bytes: pkg.files.reduce((total, file) => total + file.content.length, 0) };
}
