/** Only same-site paths: a callbackUrl must never send a user to another origin after sign-in. */
export function safeCallbackPath(value: string | undefined | null, fallback = "/"): string {
  if (!value) return fallback;
  try {
    const url = new URL(value, "http://bindery.invalid");
    if (url.origin !== "http://bindery.invalid") {
      return fallback;
    }
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
