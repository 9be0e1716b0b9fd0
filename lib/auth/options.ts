import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getConfig } from "@/lib/config";
import { clientIp } from "@/lib/http/client-ip";
import { safeCallbackPath } from "./callback-path";
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
      // The token carries the user id and the session version it was issued under; the role is read
      // from the database on every decision, and a raised User.sessionVersion ends the session.
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sv = user.sessionVersion ?? 0;
        }
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) {
          session.user.id = token.sub;
          // A token minted before session versions existed has none: version 0.
          session.user.sessionVersion = typeof token.sv === "number" ? token.sv : 0;
        }
        return session;
      },
      // Every post-sign-in/sign-out redirect goes through the same same-origin gate as the forms.
      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, "/", baseUrl)}`;
      },
    },
  };
}
