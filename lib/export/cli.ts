// `npm run export -- --project <slug|id> --format folder|zip --out <dir>`: writes a spec package anywhere on this machine's disk.
import { parseArgs } from "node:util";
import { boot } from "../boot";
import { db } from "../db/client";
import { toAppError } from "../errors";
import { exportFormats, exportToDirectory, type ExportFormat } from "./exports";

const usage = "Usage: npm run export -- --project <slug|id> [--format folder|zip] [--out <dir>]\n  --format  folder (default) or zip\n  --out     the directory to write into (default: the current directory)";

function parseCommandLine(): { project: string; format: ExportFormat; outDir: string } {
  const { values } = parseArgs({
    options: { project: { type: "string" }, format: { type: "string", default: "folder" }, out: { type: "string", default: "." }, help: { type: "boolean", default: false } },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const format = exportFormats.find((candidate) => candidate === values.format);
  if (!values.project || !format) {
    console.error(!values.project ? "Missing --project." : `Unknown --format ${values.format}; use folder or zip.`);
    console.error(usage);
    process.exit(2);
  }
  return { project: values.project, format, outDir: values.out };
}

const args = parseCommandLine();
let exitCode = 0;
try {
  await boot();
  const exported = await exportToDirectory(db, args);
  console.log(`Wrote ${exported.filePath} (${exported.format}, ${exported.fileSizeBytes.toLocaleString("en-US")} bytes)`);
  console.log(`Validation: ${exported.validationStatus}${exported.messageCount > 0 ? `, ${exported.messageCount} findings (see VALIDATION.md)` : ""}`);
} catch (error) {
  // toAppError has already logged an unexpected error with its stack; the user gets the one-line reason.
  console.error(`Export failed: ${toAppError(error).message}`);
  exitCode = 1;
} finally {
  await db.$client.end();
}
process.exit(exitCode);
