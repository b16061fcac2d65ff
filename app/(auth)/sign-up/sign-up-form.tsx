"use client";

import { LoaderCircleIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "../../_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../_components/ui/card";
import { Field, Input } from "../../_components/ui/fields";
import { idle, type ActionState } from "../../_lib/action-state";
import { OAuthButtons } from "../oauth-buttons";
import { signUpAction } from "./actions";

export function SignUpForm({ oauth }: { oauth: { github: boolean; google: boolean } }) {
  const router = useRouter();
  const [state, setState] = useState<ActionState<{ email: string }>>(idle);
  const [pending, startTransition] = useTransition();
  const errors = state.status === "error" ? state.fieldErrors : undefined;

  // onSubmit rather than a form action: a failed attempt keeps what the user typed.
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await signUpAction(formData);
      setState(result);
      if (result.status !== "success") return;
      // The account exists; sign straight in with the password the user just typed.
      const signedIn = await signIn("credentials", { email: result.data.email, password: String(formData.get("password")), redirect: false });
      router.replace(signedIn?.error ? "/sign-in" : "/projects");
      router.refresh();
    });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Create your account</CardTitle>
        <CardDescription>Start a spec in minutes. No AI key needed to begin.</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} className="grid gap-4" noValidate>
          <Field id="name" label="Name" errors={errors?.name}>
            <Input id="name" name="name" autoComplete="name" required aria-invalid={Boolean(errors?.name)} />
          </Field>
          <Field id="email" label="Email" errors={errors?.email}>
            <Input id="email" name="email" type="email" autoComplete="email" required aria-invalid={Boolean(errors?.email)} />
          </Field>
          <Field id="password" label="Password" errors={errors?.password} hint="At least 8 characters.">
            <Input id="password" name="password" type="password" autoComplete="new-password" required aria-invalid={Boolean(errors?.password)} />
          </Field>
          {state.status === "error" && !errors ? (
            <p role="alert" className="rounded-md bg-destructive/10 px-3 py-2 text-sm text-destructive">
              {state.message}
            </p>
          ) : null}
          <Button type="submit" disabled={pending || state.status === "success"}>
            {pending || state.status === "success" ? <LoaderCircleIcon className="animate-spin" /> : null} Create account
          </Button>
        </form>
        <OAuthButtons oauth={oauth} />
        <p className="mt-6 text-center text-sm text-muted-foreground">
          Already have an account?{" "}
          <Link href="/sign-in" className="font-medium text-primary hover:underline">
            Sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
