import "server-only";
import { hkdfSync } from "node:crypto";
import { jwtDecrypt } from "jose";
import { parse as parseCookieHeader } from "cookie";
import { cookies } from "next/headers";
import { getConfig } from "@/lib/config";
import { SESSION_COOKIE_NAMES } from "./session-cookie";

export interface SessionIdentity {
  userId: string;
  /** The `User.sessionVersion` the session was issued under; compare it with the user's current one. */
  sessionVersion: number;
}

/**
 * Who the session cookie says is signed in, with no database read. The caller must check the version.
 *
 * Reads the token as next-auth's `decode` does (an A256GCM JWE under a key derived from AUTH_SECRET by
 * HKDF, 15 s of clock tolerance), but derives the key once per process: `getServerSession` derived it
 * on every call and then minted a fresh token it could not even set from a page, about a tenth of the
 * session-cookie download's CPU (npm run bench:profile). Signing in and out stay next-auth's.
 */
export async function sessionIdentity(): Promise<SessionIdentity | null> {
  return identityOf(sessionToken(await cookies()));
}

/**
 * The same, from a request's own Cookie header: for code that runs outside Next's request scope, where
 * `cookies()` cannot be called (the download lane, lib/downloads/download-lane.ts).
 */
export async function sessionIdentityFrom(headers: Headers): Promise<SessionIdentity | null> {
  const jar = parseCookieHeader(headers.get("cookie") ?? "");
  return identityOf(sessionToken({ get: (name) => (Object.hasOwn(jar, name) ? { value: jar[name] } : undefined) }));
}

async function identityOf(token: string | null): Promise<SessionIdentity | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtDecrypt(token, encryptionKey(getConfig().authSecret), { clockTolerance: 15 });
    if (typeof payload.sub !== "string" || payload.sub === "") return null;
    // A token minted before session versions existed has none: version 0.
    return { userId: payload.sub, sessionVersion: typeof payload.sv === "number" ? payload.sv : 0 };
  } catch {
    // Tampered, expired, or sealed under another secret: no session, as next-auth would say.
    return null;
  }
}

function sessionToken(jar: { get(name: string): { value: string } | undefined }): string | null {
  for (const name of SESSION_COOKIE_NAMES) {
    const whole = jar.get(name)?.value;
    if (whole) return whole;
    let chunks = "";
    for (let i = 0; ; i++) {
      const chunk = jar.get(`${name}.${i}`)?.value;
      if (chunk === undefined) break;
      chunks += chunk;
    }
    if (chunks) return chunks;
  }
  return null;
}

const keys = new Map<string, Uint8Array>();

/** next-auth v4's `getDerivedEncryptionKey(secret, "")`, once per secret. */
function encryptionKey(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32));
    keys.set(secret, key);
  }
  return key;
}
