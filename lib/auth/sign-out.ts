/**
 * Signs this browser out the way next-auth's `signOut` does (CSRF token, POST to its sign-out route,
 * then to `callbackUrl`), without next-auth/react: the header's Sign out button is on every page, and
 * that module (~40 KB of script) would be loaded, parsed and run on each of them for a button in a menu.
 */
export async function signOut({ callbackUrl }: { callbackUrl: string }): Promise<void> {
  const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl, json: "true" }),
  });
  const { url } = (await response.json()) as { url?: string };
  window.location.href = url ?? callbackUrl;
}
