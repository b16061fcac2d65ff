import { createHash } from "node:crypto";
import packageJson from "../../package.json";
import { renderJsonStageMarkdown } from "../stages/render-markdown";
import { agentsMarkdown, claudeMarkdown, readmeMarkdown, validationMarkdown, type StageEntry } from "./documents";
import { entryName, packageRootName } from "./names";
import type { PackageSource, SourceStage } from "./source";
import type { ExportValidation } from "./validation";

export const GENERATOR = { name: "specwright", version: packageJson.version } as const;
export const MANIFEST_VERSION = 1;

export type PackageFile = { path: string; content: Buffer };
export type ManifestFile = { path: string; sha256: string; bytes: number };

export type Manifest = {
  manifestVersion: typeof MANIFEST_VERSION;
  generator: typeof GENERATOR;
  project: { id: string; name: string; slug: string; description: string | null };
  template: { name: string; category: string } | null;
  validation: { status: ExportValidation["status"]; errors: number; warnings: number };
  stages: StageEntry[];
  files: ManifestFile[];
};

export type SpecPackage = {
  /** The one folder every entry sits under, from the project slug. */
  root: string;
  /** In their fixed archive order; manifest.json last. */
  files: PackageFile[];
  manifest: Manifest;
};

const sha256 = (content: Buffer) => createHash("sha256").update(content).digest("hex");

function specFileStem(stage: SourceStage): string {
  return `spec/${String(stage.number).padStart(2, "0")}-${stage.name.replaceAll("_", "-")}`;
}

/** The stage's own file, named by format; stage 7 says whether it is OpenAPI or the cli template's command spec. */
function primaryFileName(stage: SourceStage, templateCategory: string | null): string {
  const stem = specFileStem(stage);
  if (stage.format === "yaml") return templateCategory === "cli" ? `${stem}.cli.yaml` : `${stem}.openapi.yaml`;
  return `${stem}.${stage.format}`;
}

/**
 * The whole package as bytes in memory, a pure function of the stage versions and their validation:
 * no clock, no absolute path, so the same versions give the same bytes.
 */
export function assemblePackage(source: PackageSource, validation: ExportValidation): SpecPackage {
  const root = packageRootName(source.project.slug);
  const specFiles: PackageFile[] = [];
  const stageEntries: StageEntry[] = source.stages.map((stage) => {
    if (stage.output === null) return { number: stage.number, name: stage.name, label: stage.label, status: "missing", version: null, approvedAt: null, stale: false, files: [] };
    const files = [primaryFileName(stage, source.template?.category ?? null)];
    specFiles.push({ path: files[0]!, content: Buffer.from(stage.output.content, "utf8") });
    const data = validation.data.get(stage.number);
    const markdown = stage.format === "json" && data ? renderJsonStageMarkdown(stage.number, stage.label, data) : null;
    if (markdown !== null) {
      files.push(`${specFileStem(stage)}.md`);
      specFiles.push({ path: files[1]!, content: Buffer.from(markdown, "utf8") });
    }
    return {
      number: stage.number,
      name: stage.name,
      label: stage.label,
      status: stage.approved ? "approved" : "draft",
      version: stage.output.version,
      approvedAt: stage.approvedAt?.toISOString() ?? null,
      stale: stage.stale,
      files,
    };
  });

  const errors = validation.messages.filter((message) => message.level === "error").length;
  const summary = { status: validation.status, errors, warnings: validation.messages.length - errors };
  const documentInput = { project: source.project, template: source.template, validation: summary, stages: stageEntries, messages: validation.messages };
  const text = (path: string, content: string): PackageFile => ({ path, content: Buffer.from(content, "utf8") });
  const files = [
    text("README.md", readmeMarkdown(documentInput)),
    text("AGENTS.md", agentsMarkdown(documentInput)),
    text("CLAUDE.md", claudeMarkdown()),
    text("VALIDATION.md", validationMarkdown(documentInput)),
    ...specFiles,
  ];
  const manifest: Manifest = {
    manifestVersion: MANIFEST_VERSION,
    generator: GENERATOR,
    project: source.project,
    template: source.template,
    validation: summary,
    stages: stageEntries,
    files: files.map((file) => ({ path: file.path, sha256: sha256(file.content), bytes: file.content.length })),
  };
  files.push(text("manifest.json", `${JSON.stringify(manifest, null, 2)}\n`));
  // Validates every name once more: a bug here must fail the export, never write outside the root.
  for (const file of files) entryName(root, file.path);
  return { root, files, manifest };
}
