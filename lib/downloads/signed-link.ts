import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Signed download links: HMAC-SHA256 over the subject (a grant id, or "selftest"), the expiry and, from
 * generation 1 on, the grant's link generation, keyed with AUTH_SECRET. A link proves only "someone we
 * gave this to"; the grant is still checked on every request, so revoking it kills its links at once, and
 * raising its generation kills only the links (the owner's library keeps working).
 *
 * Generation 0 signs exactly what links signed before generations existed, so links already mailed keep
 * working until staff stop them. A later generation's text ends in ":g<n>", which no generation-0 text
 * can (it ends in the digits of the expiry).
 */
export function signDownload(subject: string, expiresUnix: number, secret: string, generation = 0): string {
  const text = `bindery-download:${subject}:${expiresUnix}${generation > 0 ? `:g${generation}` : ""}`;
  return createHmac("sha256", secret).update(text).digest("hex");
}

export type SignatureCheck = "valid" | "invalid" | "expired";

export function checkDownloadSignature(
  subject: string,
  expires: string | null,
  signature: string | null,
  secret: string,
  nowUnix = Math.floor(Date.now() / 1000),
  generation = 0,
): SignatureCheck {
  if (!expires || !signature || !/^\d{1,12}$/.test(expires) || !/^[0-9a-f]{64}$/.test(signature)) return "invalid";
  const expected = Buffer.from(signDownload(subject, Number(expires), secret, generation), "hex");
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

/** A grant's link query: generation 0 is the plain signed query; a later one signs it and carries `g`. */
export function grantLinkQuery(
  grantId: string,
  generation: number,
  ttlSeconds: number,
  secret: string,
  nowUnix = Math.floor(Date.now() / 1000),
): string {
  if (generation === 0) return signedQuery(grantId, ttlSeconds, secret, nowUnix);
  const expires = nowUnix + ttlSeconds;
  return `expires=${expires}&g=${generation}&sig=${signDownload(grantId, expires, secret, generation)}`;
}

/** The generation a link's `g` names: 0 without one, null when it is not a canonical positive integer. */
export function linkGenerationOf(g: string | null): number | null {
  if (g === null) return 0;
  return /^[1-9]\d{0,8}$/.test(g) ? Number(g) : null;
}

export type GrantLinkCheck = { check: "invalid" } | { check: "valid" | "expired"; generation: number };

/** Verifies a grant's signed link (expiry, signature, generation) from its query string; no database read. */
export function checkGrantLink(
  grantId: string,
  query: URLSearchParams,
  secret: string,
  nowUnix = Math.floor(Date.now() / 1000),
): GrantLinkCheck {
  const generation = linkGenerationOf(query.get("g"));
  if (generation === null) return { check: "invalid" };
  const check = checkDownloadSignature(grantId, query.get("expires"), query.get("sig"), secret, nowUnix, generation);
  return check === "invalid" ? { check } : { check, generation };
}

/** The absolute signed link of a grant under its current generation (library copy link, receipts). */
export function grantDownloadUrl(
  appUrl: string,
  grant: { id: string; linkGeneration: number },
  ttlSeconds: number,
  secret: string,
): string {
  return `${appUrl}/api/downloads/${grant.id}?${grantLinkQuery(grant.id, grant.linkGeneration, ttlSeconds, secret)}`;
}
