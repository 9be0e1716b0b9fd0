/**
 * The client's IP address, or null when it is unknown. `x-bindery-peer` is set by
 * scripts/server-preload.cjs from the TCP socket (overwriting anything a client sent); Next.js itself
 * only fills `x-forwarded-for` when it is absent, so a client could forge it. X-Forwarded-For is
 * honoured only when the peer is a trusted proxy.
 *
 * No peer means the preload did not run (`next start`, a test harness): then nothing on the request
 * is trustworthy, and the last X-Forwarded-For hop is whatever the client wrote. Unknown, never a guess.
 */
export function clientIp(headers: Headers, trustedProxies: readonly string[]): string | null {
  const peer = normalize(headers.get("x-bindery-peer"));
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => normalize(hop))
    .filter((hop): hop is string => hop !== null);
  if (peer === null) return null;
  if (!trustedProxies.includes(peer)) return peer;
  // Walk from the nearest hop back while each is a trusted proxy; the first untrusted one is the client.
  for (let i = forwarded.length - 1; i >= 0; i--) {
    if (!trustedProxies.includes(forwarded[i])) return forwarded[i];
  }
  return forwarded[0] ?? peer;
}

function normalize(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  return trimmed.startsWith("::ffff:") ? trimmed.slice(7) : trimmed;
}
