import path from "node:path";
import { slugify } from "../projects/slug";

/**
 * The package's root folder (and download file stem) from a project slug or name. The CLI and old
 * rows pass names through here too, so it goes through slugify: ASCII letters, digits and single
 * dashes, so no slash, dot, quote or control character can reach an entry name.
 */
export function packageRootName(slugOrName: string): string {
  return `${slugify(slugOrName)}-spec`;
}

// Relative paths inside the package: segments of ASCII letters, digits, dots and dashes that start with a letter or digit, never "..".
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;

/** The zip entry (and folder-relative path) of one package file; throws on anything that could leave the root. */
export function entryName(root: string, relativePath: string): string {
  const segments = [root, ...relativePath.split("/")];
  for (const segment of segments) {
    if (!SEGMENT.test(segment) || segment.includes("..")) throw new RangeError(`Unsafe package path segment: ${JSON.stringify(segment)}`);
  }
  const joined = segments.join("/");
  // Belt and braces: the normalised form must be the same string, still under the root.
  if (path.posix.normalize(joined) !== joined || !joined.startsWith(`${root}/`)) throw new RangeError(`Unsafe package path: ${JSON.stringify(joined)}`);
  return joined;
}

/**
 * `attachment` with a plain ASCII `filename` for old clients and the RFC 5987 `filename*` form; the
 * name is already ASCII, so both carry the same text and no quote or CR/LF can break the header.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
