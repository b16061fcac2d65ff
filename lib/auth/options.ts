import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { db } from "../db/client";
import { configureNextAuthEnvironment, oauth } from "../env";
import { AppError } from "../errors";
import { getSecrets } from "../secrets";
import { findOrCreateOAuthUser, signInWithPassword } from "./accounts";

configureNextAuthEnvironment();

type HeaderBag = Record<string, string | string[] | undefined> | undefined;

/** The client address as the server saw it; a proxy in front must set x-forwarded-for. */
function clientIp(headers: HeaderBag): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  const realIp = headers?.["x-real-ip"];
  return first || (Array.isArray(realIp) ? realIp[0] : realIp) || "unknown";
}

function buildAuthOptions(): NextAuthOptions {
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        try {
          return await signInWithPassword(db, credentials, clientIp(request?.headers));
        } catch (error) {
          // next-auth hands a thrown message to the sign-in form; only our own messages are shown.
          if (error instanceof AppError) throw new Error(error.message);
          throw error;
        }
      },
    }),
  ];
  if (oauth.github) providers.push(GitHubProvider(oauth.github));
  if (oauth.google) providers.push(GoogleProvider(oauth.google));

  return {
    secret: getSecrets().appSecret,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in" },
    providers,
    callbacks: {
      async jwt({ token, user, account }) {
        if (user && account && account.provider !== "credentials") {
          if (!user.email) throw new Error("Your account has no email address; Specwright needs one.");
          const appUser = await findOrCreateOAuthUser(db, { email: user.email, name: user.name, image: user.image });
          token.sub = appUser.id;
          token.name = appUser.name;
          token.email = appUser.email;
        } else if (user) {
          token.sub = user.id;
        }
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
}

let cached: NextAuthOptions | undefined;
/** Built on first use so `next build` never needs production secrets. */
export function authOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}

export const oauthProviders = { github: Boolean(oauth.github), google: Boolean(oauth.google) };
