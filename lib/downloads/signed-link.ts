import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Signed download links: HMAC-SHA256 over the subject (a grant id, or "selftest") and the expiry, keyed
 * with AUTH_SECRET. A link proves only "someone we gave this to"; the grant is still checked on every
 * request, so revoking it kills its links at once.
 */
export function signDownload(subject: string, expiresUnix: number, secret: string): string {
  return createHmac("sha256", secret).update(`bindery-download:${subject}:${expiresUnix}`).digest("hex");
}

export type SignatureCheck = "valid" | "invalid" | "expired";

export function checkDownloadSignature(
  subject: string,
  expires: string | null,
  signature: string | null,
  secret: string,
  nowUnix = Math.floor(Date.now() / 1000),
): SignatureCheck {
  if (!expires || !signature || !/^\d{1,12}$/.test(expires) || !/^[0-9a-f]{64}$/.test(signature)) return "invalid";
  const expected = Buffer.from(signDownload(subject, Number(expires), secret), "hex");
  if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) return "invalid";
  return Number(expires) < nowUnix ? "expired" : "valid";
}

/** The query string of a signed link valid for `ttlSeconds` from now. */
export function signedQuery(
  subject: string,
  ttlSeconds: number,
  secret: string,
  nowUnix = Math.floor(Date.now() / 1000),
): string {
  const expires = nowUnix + ttlSeconds;
  return `expires=${expires}&sig=${signDownload(subject, expires, secret)}`;
}
