import type { Metadata } from "next";
import { oauthProviders } from "@/lib/auth/options";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default function SignUpPage() {
  return <SignUpForm oauth={oauthProviders} />;
}
