import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import bcrypt from "bcryptjs";

/**
 * Passwords are hashed with scrypt from node:crypto: it runs on libuv's thread pool, so a sign-in does
 * not stall the event loop (bcryptjs at cost 12 blocked it ~100 ms), and it reads every byte.
 * Format: `scrypt$<log2 N>$<r>$<p>$<salt b64url>$<hash b64url>`, so the cost can rise later and old
 * hashes still verify. bcrypt hashes (`$2a$`/`$2b$`) from before still verify and are rehashed on the
 * next successful sign-in (see `needsRehash`).
 */
const LOG_N = 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  // maxmem must cover 128 * N * r bytes, which is 32 MiB at the default cost: Node's default is exactly that.
  const maxmem = 256 * (options.N ?? 0) * (options.r ?? 0);
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFC"), salt, KEY_LENGTH, { ...options, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N: 2 ** LOG_N, r: R, p: P });
  return ["scrypt", LOG_N, R, P, salt.toString("base64url"), key.toString("base64url")].join("$");
}

function parseScrypt(hash: string) {
  const parts = hash.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [logN, r, p] = parts.slice(1, 4).map(Number);
  if (![logN, r, p].every(Number.isInteger) || logN < 10 || logN > 20 || r < 1 || r > 32 || p < 1 || p > 16)
    return null;
  return { logN, r, p, salt: Buffer.from(parts[4], "base64url"), key: Buffer.from(parts[5], "base64url") };
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (hash.startsWith("$2")) return bcrypt.compare(password, hash);
  const parsed = parseScrypt(hash);
  if (!parsed || parsed.key.length !== KEY_LENGTH) return false;
  const key = await derive(password, parsed.salt, { N: 2 ** parsed.logN, r: parsed.r, p: parsed.p });
  return timingSafeEqual(key, parsed.key);
}

/** True for a hash made by an older scheme or cost: replace it after the password was checked. */
export function needsRehash(hash: string): boolean {
  const parsed = parseScrypt(hash);
  return !parsed || parsed.logN !== LOG_N || parsed.r !== R || parsed.p !== P;
}

/** A valid hash of a random password: unknown emails are checked against it so timing reveals nothing. */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString("hex"));
  return dummy;
}
