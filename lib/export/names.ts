import path from "node:path";

const MAX_ROOT_LENGTH = 60;

/**
 * The package's root folder (and download file stem) from a project slug or name. Slugs are already
 * URL-safe, but the CLI and old rows pass names through here too, so anything is reduced to ASCII
 * letters, digits and single dashes: no slash, dot, quote or control character can reach an entry name.
 */
export function packageRootName(slugOrName: string): string {
  const base = slugOrName
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_ROOT_LENGTH)
    .replace(/-+$/g, "");
  return `${base || "project"}-spec`;
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
