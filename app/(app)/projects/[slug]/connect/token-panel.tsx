"use client";

import { CheckIcon, CopyIcon, KeyRoundIcon, LoaderCircleIcon, Trash2Icon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import { setupSnippets } from "@/lib/mcp/snippets";
import { Button } from "../../../../_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../../_components/ui/card";
import { Field, Input } from "../../../../_components/ui/fields";
import { createTokenAction, revokeTokenAction } from "./actions";

export type TokenRow = { id: string; label: string; createdAt: string; lastUsedAt: string | null; expiresAt: string | null };

// Dates as YYYY-MM-DD HH:MM UTC: the same text on the server and in the browser, whatever their time zones.
const when = (iso: string | null, fallback: string) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : fallback);

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    await navigator.clipboard.writeText(text);
    setCopied(true);
    toast.success(`Copied ${label}`);
    setTimeout(() => setCopied(false), 2000);
  }
  return (
    <Button type="button" variant="outline" size="sm" onClick={copy} aria-label={`Copy ${label}`}>
      {copied ? <CheckIcon /> : <CopyIcon />} Copy
    </Button>
  );
}

function Snippet({ title, hint, text }: { title: string; hint: string; text: string }) {
  return (
    <section className="grid gap-2" aria-label={title}>
      <div className="flex items-center justify-between gap-2">
        <div>
          <h3 className="text-sm font-medium">{title}</h3>
          <p className="text-xs text-muted-foreground">{hint}</p>
        </div>
        <CopyButton text={text} label={`${title} set-up`} />
      </div>
      <pre className="overflow-x-auto rounded-md border bg-muted/50 p-3 font-mono text-xs">{text}</pre>
    </section>
  );
}

export function TokenPanel({ projectId, url, tokens }: { projectId: string; url: string; tokens: TokenRow[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  // The plain token lives only in this component's state: it is shown once and never fetched again.
  const [created, setCreated] = useState<{ token: string; label: string } | null>(null);
  const snippets = setupSnippets(url, created?.token ?? "<token>");

  function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      const result = await createTokenAction(projectId, { label: String(data.get("label") ?? ""), expiresInDays: String(data.get("expiresInDays") ?? "") });
      if (result.status === "success") {
        setCreated({ token: result.data.token, label: result.data.summary.label });
        setErrors({});
        form.reset();
        router.refresh();
      } else if (result.status === "error") {
        setErrors(result.fieldErrors ?? { label: [result.message] });
      }
    });
  }

  function revoke(token: TokenRow) {
    startTransition(async () => {
      const result = await revokeTokenAction(projectId, token.id);
      if (result.status === "success") {
        toast.success(`Revoked “${token.label}”`);
        router.refresh();
      } else if (result.status === "error") {
        toast.error(result.message);
      }
    });
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_1fr]">
      <div className="grid content-start gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Create a token</CardTitle>
            <CardDescription>One per agent or machine, so you can revoke them one by one.</CardDescription>
          </CardHeader>
          <CardContent>
            <form onSubmit={create} className="grid gap-4" noValidate>
              <Field id="label" label="Label" errors={errors.label}>
                <Input id="label" name="label" placeholder="Claude Code on my laptop" maxLength={255} required />
              </Field>
              <Field id="expiresInDays" label="Expires after (days)" hint="Leave empty for a token that does not expire." errors={errors.expiresInDays}>
                <Input id="expiresInDays" name="expiresInDays" type="number" min={1} max={3650} inputMode="numeric" />
              </Field>
              <Button type="submit" disabled={pending} className="w-fit">
                {pending ? <LoaderCircleIcon className="animate-spin" /> : <KeyRoundIcon />} Create token
              </Button>
            </form>
            {created ? (
              <div role="status" className="mt-4 grid gap-2 rounded-lg border border-warning/40 bg-warning/10 p-3">
                <p className="text-sm font-medium">Token “{created.label}”: copy it now, it is not shown again.</p>
                <div className="flex items-center gap-2">
                  <code data-testid="new-token" className="min-w-0 flex-1 overflow-x-auto rounded bg-background px-2 py-1 font-mono text-xs">
                    {created.token}
                  </code>
                  <CopyButton text={created.token} label="token" />
                </div>
              </div>
            ) : null}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Tokens</CardTitle>
          </CardHeader>
          <CardContent>
            {tokens.length === 0 ? (
              <p className="text-sm text-muted-foreground">No tokens yet.</p>
            ) : (
              <ul className="grid gap-3" aria-label="Tokens">
                {tokens.map((token) => (
                  <li key={token.id} className="flex items-center justify-between gap-3 rounded-md border px-3 py-2">
                    <div className="grid text-sm">
                      <span className="font-medium">{token.label}</span>
                      <span className="text-xs text-muted-foreground">
                        Created {when(token.createdAt, "")} · last used {when(token.lastUsedAt, "never")} · {token.expiresAt ? `expires ${when(token.expiresAt, "")}` : "no expiry"}
                      </span>
                    </div>
                    <Button type="button" variant="outline" size="sm" className="text-destructive" onClick={() => revoke(token)} disabled={pending} aria-label={`Revoke ${token.label}`}>
                      <Trash2Icon /> Revoke
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Set up your agent</CardTitle>
          <CardDescription>
            The MCP server listens on <code className="font-mono">{url}</code> (start it with <code className="font-mono">npm run mcp</code>).
            {created ? " These snippets carry your new token." : " Create a token to fill it in below."}
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-5">
          <Snippet title="Claude Code" hint="Run in your project folder." text={snippets.claudeCode} />
          <Snippet title="Cursor" hint=".cursor/mcp.json" text={snippets.cursor} />
          <Snippet title="VS Code" hint=".vscode/mcp.json" text={snippets.vscode} />
        </CardContent>
      </Card>
    </div>
  );
}
