// next-auth's session cookie: one home for its names, read by the session reader
// (lib/auth/session-user-id.ts) and by the proxy's choice of a cached page (lib/http/cached-pages.ts).
// No server-only imports: the proxy bundles this too.

/** Under either name (`__Secure-` when APP_URL is https), in the order the reader tries them. */
export const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

/** A session cookie whole, or one of its chunks (`.0`, `.1`, … when the token outgrows one cookie). */
export const isSessionCookieName = (name: string) =>
  SESSION_COOKIE_NAMES.some(
    (base) => name === base || (name.startsWith(`${base}.`) && /^\d+$/.test(name.slice(base.length + 1))),
  );
