"use client";

import { signIn } from "next-auth/react";
import { Button } from "../_components/ui/button";

export function OAuthButtons({ oauth }: { oauth: { github: boolean; google: boolean } }) {
  if (!oauth.github && !oauth.google) return null;
  return (
    <div className="grid gap-2">
      <div className="my-2 flex items-center gap-3 text-xs text-muted-foreground">
        <span className="h-px flex-1 bg-border" /> or <span className="h-px flex-1 bg-border" />
      </div>
      {oauth.github ? (
        <Button type="button" variant="outline" onClick={() => signIn("github", { callbackUrl: "/projects" })}>
          Continue with GitHub
        </Button>
      ) : null}
      {oauth.google ? (
        <Button type="button" variant="outline" onClick={() => signIn("google", { callbackUrl: "/projects" })}>
          Continue with Google
        </Button>
      ) : null}
    </div>
  );
}
