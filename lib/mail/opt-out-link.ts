import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The signed opt-out link of the new-version mails: HMAC-SHA256 over the lowercased address under its
 * own prefix, keyed with AUTH_SECRET. Download and claim signatures cover "bindery-download:…", so none
 * of them is ever valid here, nor this one there. No expiry: an old mail's link keeps working.
 */
const signOptOut = (email: string, secret: string) =>
  createHmac("sha256", secret).update(`bindery-mail-opt-out:${email.toLowerCase()}`).digest("hex");

export function checkOptOutSignature(email: string | null, signature: string | null, secret: string): boolean {
  if (!email || !signature || email.length > 320 || !/^[0-9a-f]{64}$/.test(signature)) return false;
  return timingSafeEqual(Buffer.from(signOptOut(email, secret), "hex"), Buffer.from(signature, "hex"));
}

export function optOutQuery(email: string, secret: string): string {
  const address = email.toLowerCase();
  return `email=${encodeURIComponent(address)}&sig=${signOptOut(address, secret)}`;
}

/** The page a reader opens from the mail: it shows a button, since mail scanners fetch every link. */
export const optOutPageUrl = (appUrl: string, email: string, secret: string) =>
  `${appUrl}/mail/opt-out?${optOutQuery(email, secret)}`;

/** Where the button and RFC 8058 one-click unsubscribes POST. */
export const optOutPostUrl = (appUrl: string, email: string, secret: string) =>
  `${appUrl}/api/mail/opt-out?${optOutQuery(email, secret)}`;
