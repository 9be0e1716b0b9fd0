import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getConfig } from "@/lib/config";
import { clientIp } from "@/lib/http/client-ip";
import { authenticate } from "./sign-in";

/** next-auth reads its public URL from NEXTAUTH_URL; Bindery's single source is APP_URL. */
export function authOptions(): NextAuthOptions {
  const config = getConfig();
  process.env.NEXTAUTH_URL ??= config.appUrl;
  return {
    secret: config.authSecret,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const headers = new Headers();
          for (const [name, value] of Object.entries(request.headers ?? {})) {
            if (typeof value === "string") headers.set(name, value);
          }
          return authenticate(credentials, clientIp(headers, config.trustedProxies));
        },
      }),
    ],
    callbacks: {
      // The token carries only the user id: the role is read from the database on every decision.
      jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
}
