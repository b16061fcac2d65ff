import { CheckCircle2Icon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { listExports, previewExport, type ExportPreview, type ExportStatus } from "@/lib/export";
import { getProject } from "@/lib/projects";
import { Badge } from "../../../../_components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../../_components/ui/card";
import { orNotFound, requirePageUser } from "../../../../_lib/page-user";
import { ProjectNav } from "../project-nav";
import { ValidationMessageItem } from "../validation-message";
import { ExportButtons } from "./export-buttons";

type Props = { params: Promise<{ slug: string }> };

async function loadProject(slug: string) {
  const user = await requirePageUser();
  return { user, project: await orNotFound(() => getProject(db, user.id, slug)) };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { project } = await loadProject((await params).slug);
  return { title: `Export · ${project.name}` };
}

const statusLook: Record<ExportStatus, { variant: "success" | "warning" | "destructive"; text: string }> = {
  valid: { variant: "success", text: "Valid" },
  warnings: { variant: "warning", text: "Warnings" },
  errors: { variant: "destructive", text: "Errors" },
};

function ExportStatusBadge({ status }: { status: ExportStatus }) {
  const look = statusLook[status];
  return (
    <Badge variant={look.variant} data-export-status={status}>
      {look.text}
    </Badge>
  );
}

const timeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });
const sizeFormat = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1_048_576 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1_048_576).toFixed(1)} MB`);

function PreflightStages({ slug, preview }: { slug: string; preview: ExportPreview }) {
  return (
    <ol className="grid gap-2" aria-label="Pre-flight by stage">
      {preview.stages.map((stage) => {
        const messages = preview.messages.filter((message) => message.stage === stage.number);
        const errors = messages.filter((message) => message.level === "error").length;
        return (
          <li key={stage.number} data-stage={stage.number} className="rounded-lg border bg-card">
            <div className="flex flex-wrap items-center gap-3 px-4 py-2.5">
              <Link href={`/projects/${slug}/stages/${stage.number}`} className="flex-1 font-medium hover:underline">
                {stage.number} · {stage.label}
              </Link>
              <span className="text-xs text-muted-foreground">{stage.version === null ? "No output" : `Version ${stage.version}${stage.approved ? ", approved" : ", draft"}`}</span>
              {messages.length === 0 ? (
                <CheckCircle2Icon className="size-4 text-success" aria-label="No findings" />
              ) : (
                <span className="text-xs text-muted-foreground">
                  {errors} errors · {messages.length - errors} warnings
                </span>
              )}
            </div>
            {messages.length > 0 ? (
              <ul className="divide-y border-t">
                {messages.map((message, index) => (
                  <ValidationMessageItem key={`${message.code}-${message.path}-${index}`} message={message} />
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

export default async function ExportPage({ params }: Props) {
  const { user, project } = await loadProject((await params).slug);
  const [preview, history] = await Promise.all([previewExport(db, user.id, project.id), listExports(db, user.id, project.id)]);
  const errors = preview.messages.filter((message) => message.level === "error").length;
  return (
    <div className="grid gap-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{project.name}</h1>
        <p className="mt-1 max-w-2xl text-sm text-muted-foreground">
          Export the spec as a package a coding agent can build from: every stage&apos;s active version, README, AGENTS.md, a manifest with the SHA-256 of every file, and the validation report.
        </p>
      </div>
      <ProjectNav slug={project.slug} />
      <div className="grid gap-8 lg:grid-cols-[1fr_320px]">
        <section aria-labelledby="preflight" className="grid content-start gap-3">
          <div className="flex flex-wrap items-center gap-3">
            <h2 id="preflight" className="text-lg font-medium">
              Pre-flight
            </h2>
            <ExportStatusBadge status={preview.status} />
            <span className="text-sm text-muted-foreground">
              {errors} errors · {preview.messages.length - errors} warnings
            </span>
          </div>
          <p className="text-sm text-muted-foreground">
            {preview.status === "valid"
              ? "Every stage is approved and passes its checks."
              : "An export records these findings in VALIDATION.md and its status. Open a stage to fix what it reports."}
          </p>
          <PreflightStages slug={project.slug} preview={preview} />
        </section>
        <Card className="h-fit">
          <CardHeader>
            <CardTitle>Export</CardTitle>
            <CardDescription>A zip to download, or a folder written on the server. The same stage versions always give the same bytes.</CardDescription>
          </CardHeader>
          <CardContent>
            <ExportButtons projectId={project.id} disabledReason={preview.exportable ? null : "Nothing to export yet: write or generate at least one stage first."} />
          </CardContent>
        </Card>
      </div>
      <section aria-labelledby="history" className="grid gap-3">
        <h2 id="history" className="text-lg font-medium">
          History
        </h2>
        {history.length === 0 ? (
          <p className="text-sm text-muted-foreground">No exports yet.</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border bg-card">
            <table className="w-full text-sm" aria-label="Export history">
              <thead className="border-b text-left text-xs text-muted-foreground">
                <tr>
                  <th className="px-4 py-2 font-medium">Date</th>
                  <th className="px-4 py-2 font-medium">Format</th>
                  <th className="px-4 py-2 font-medium">Status</th>
                  <th className="px-4 py-2 font-medium">Size</th>
                  <th className="px-4 py-2 font-medium">File</th>
                </tr>
              </thead>
              <tbody className="divide-y">
                {history.map((item) => (
                  <tr key={item.id} data-export-id={item.id}>
                    <td className="px-4 py-2 whitespace-nowrap">{timeFormat.format(item.exportedAt)}</td>
                    <td className="px-4 py-2">{item.format}</td>
                    <td className="px-4 py-2">
                      <ExportStatusBadge status={item.validationStatus} />
                    </td>
                    <td className="px-4 py-2 whitespace-nowrap">{sizeFormat(item.fileSizeBytes)}</td>
                    <td className="px-4 py-2">
                      {item.format === "zip" ? (
                        // A plain link: the browser streams the file to disk instead of the router fetching it.
                        <a href={`/api/exports/${item.id}/download`} download className="text-primary underline-offset-4 hover:underline">
                          Download
                        </a>
                      ) : (
                        <code className="font-mono text-xs break-all">{item.filePath}</code>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
