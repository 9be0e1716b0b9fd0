import { checkDownloadSignature, signedQuery, type SignatureCheck } from "@/lib/downloads/signed-link";

// A claim link reuses the signed-link HMAC with a subject no grant id can take ("claim:" prefix).
const subject = (orderId: string) => `claim:${orderId}`;

export function claimQuery(orderId: string, ttlSeconds: number, secret: string): string {
  return `order=${encodeURIComponent(orderId)}&${signedQuery(subject(orderId), ttlSeconds, secret)}`;
}

export function checkClaim(
  orderId: string,
  expires: string | null,
  signature: string | null,
  secret: string,
): SignatureCheck {
  return checkDownloadSignature(subject(orderId), expires, signature, secret);
}
