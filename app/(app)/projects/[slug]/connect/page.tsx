import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { listTokens, serverUrl } from "@/lib/mcp";
import { getProject } from "@/lib/projects";
import { orNotFound, requirePageUser } from "../../../../_lib/page-user";
import { ProjectNav } from "../project-nav";
import { TokenPanel } from "./token-panel";

type Props = { params: Promise<{ slug: string }> };

async function load(slug: string) {
  const user = await requirePageUser();
  const project = await orNotFound(() => getProject(db, user.id, slug));
  return { project, tokens: await listTokens(db, user.id, project.id) };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { project } = await load((await params).slug);
  return { title: `Connect an agent · ${project.name}` };
}

export default async function ConnectPage({ params }: Props) {
  const { project, tokens } = await load((await params).slug);
  return (
    <div className="grid gap-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{project.name}</h1>
        <p className="mt-1 max-w-2xl text-sm text-muted-foreground">
          Coding agents read this project&apos;s spec and report task progress through the MCP server. Each token opens this project only.
        </p>
      </div>
      <ProjectNav slug={project.slug} />
      <TokenPanel projectId={project.id} url={serverUrl()} tokens={tokens.map((token) => ({ ...token, createdAt: token.createdAt.toISOString(), lastUsedAt: token.lastUsedAt?.toISOString() ?? null, expiresAt: token.expiresAt?.toISOString() ?? null }))} />
    </div>
  );
}
