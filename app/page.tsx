import { ArrowRightIcon, BotIcon, CheckCircle2Icon, FileArchiveIcon, ShieldCheckIcon } from "lucide-react";
import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { stageDefinitions } from "@/lib/stages/definitions";
import { Logo } from "./_components/logo";
import { Button } from "./_components/ui/button";

const features = [
  { icon: CheckCircle2Icon, title: "Nine gated stages", text: "From vision to implementation plan; each stage opens only when the one before is approved." },
  { icon: ShieldCheckIcon, title: "Machine-validated", text: "Real SQL and OpenAPI parsers, schemas and cross-stage traceability checks on every version." },
  { icon: BotIcon, title: "Your own AI key", text: "Anthropic, OpenAI or any OpenAI-compatible server drafts each stage; you edit and approve." },
  { icon: FileArchiveIcon, title: "Export and MCP", text: "A reproducible spec package, and a token-guarded MCP server for Claude Code, Cursor and VS Code." },
];

export default async function HomePage() {
  if (await currentUser()) redirect("/projects");
  return (
    <div className="min-h-dvh bg-gradient-to-b from-accent/60 to-background">
      <header className="mx-auto flex max-w-6xl items-center justify-between px-6 py-5">
        <Logo />
        <nav className="flex items-center gap-2">
          <Button asChild variant="ghost">
            <Link href="/sign-in">Sign in</Link>
          </Button>
          <Button asChild>
            <Link href="/sign-up">Get started</Link>
          </Button>
        </nav>
      </header>
      <main className="mx-auto max-w-6xl px-6 pt-16 pb-24">
        <section className="max-w-3xl">
          <h1 className="text-4xl font-bold tracking-tight sm:text-5xl">Turn an idea into a spec your coding agents can build from.</h1>
          <p className="mt-5 text-lg text-muted-foreground">
            Specwright walks your project through nine stages, checks every output with real parsers, and serves the approved spec to AI coding agents.
          </p>
          <div className="mt-8 flex gap-3">
            <Button asChild size="lg">
              <Link href="/sign-up">
                Create your first spec <ArrowRightIcon />
              </Link>
            </Button>
            <Button asChild size="lg" variant="outline">
              <Link href="/sign-in">I have an account</Link>
            </Button>
          </div>
        </section>
        <ol className="mt-16 grid grid-cols-3 gap-3 sm:grid-cols-9" aria-label="The nine stages">
          {stageDefinitions.map((stage) => (
            <li key={stage.name} className="rounded-lg border bg-card p-3 text-xs">
              <span className="font-mono text-muted-foreground">{stage.number}</span>
              <p className="mt-1 font-medium">{stage.label}</p>
            </li>
          ))}
        </ol>
        <section className="mt-16 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
          {features.map(({ icon: Icon, title, text }) => (
            <div key={title} className="rounded-xl border bg-card p-5">
              <Icon className="size-5 text-primary" />
              <h2 className="mt-3 font-semibold">{title}</h2>
              <p className="mt-1 text-sm text-muted-foreground">{text}</p>
            </div>
          ))}
        </section>
      </main>
    </div>
  );
}
