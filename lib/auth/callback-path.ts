const PLACEHOLDER_ORIGIN = "http://bindery.invalid";

/**
 * The only gate for post-sign-in redirects: a same-origin path, or `fallback`. The value is resolved the
 * way a browser would (`/.//x` and `/%2e//x` both become `//x`, which a browser reads as another host),
 * and refused if it leaves the origin, or if its path still starts with two slashes once resolved or
 * once percent-decoded. Backslashes (browsers read them as `/`) and control characters are refused
 * outright.
 */
export function safeCallbackPath(
  value: string | undefined | null,
  fallback = "/",
  origin = PLACEHOLDER_ORIGIN,
): string {
  if (!value || value.length > 2048) return fallback;
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return fallback;
  let url: URL;
  let base: URL;
  try {
    base = new URL(origin);
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin || url.username || url.password) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return fallback;
  }
  if (!url.pathname.startsWith("/") || /^\/[\\/]/.test(url.pathname) || /^[\\/]{2}|\\/.test(decoded)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
