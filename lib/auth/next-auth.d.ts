import "next-auth";

declare module "next-auth" {
  interface Session {
    user?: { id: string; email?: string | null; name?: string | null; sessionVersion?: number };
  }
  interface User {
    /** `User.sessionVersion` when the session was issued; see lib/auth/session.ts. */
    sessionVersion?: number;
  }
}
