// Grant ids are cuids (tests make their own of the same alphabet plus _ and -): characters a path carries as
// they are. Anything else (percent-escapes, a trailing slash, another segment) goes to Next, which answers it.
const DOWNLOAD_PATH = /^\/api\/downloads\/([A-Za-z0-9_-]{1,64})(?:\?|$)/;

/** The grant a request for the download lane names, or null when the request is Next's to answer. */
export function laneGrantId(method: string | undefined, url: string | undefined): string | null {
  if (method !== "GET" && method !== "HEAD") return null;
  const grantId = DOWNLOAD_PATH.exec(url ?? "")?.[1];
  // The self-check is a route of its own (app/api/downloads/selftest), with its own rules.
  if (grantId === undefined || grantId === "selftest") return null;
  return grantId;
}
