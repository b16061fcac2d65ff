// The export feature's public surface: pages, routes, the CLI and tests import from here only.
export {
  createExport,
  createExportSchema,
  exportFormats,
  exportToDirectory,
  listExports,
  openExportDownload,
  previewExport,
  type ExportDownload,
  type ExportFormat,
  type ExportPreview,
  type ExportSummary,
} from "./exports";
export { contentDisposition, entryName, packageRootName } from "./names";
export { assemblePackage, GENERATOR, type Manifest, type ManifestFile, type PackageFile, type SpecPackage } from "./package";
export type { PackageSource, SourceStage } from "./source";
export { exportErrorCodes, validateForExport, type ExportStatus, type ExportValidation } from "./validation";
export { writeFolder, writeZip } from "./write";
