/** Seconds a browser (or crawler) is asked to wait before trying again; the page reloads itself then. */
export const RETRY_AFTER_SECONDS = 10;

const STYLE = `body{margin:0;font-family:ui-sans-serif,system-ui,sans-serif;background:#fafaf9;color:#1c1917}
header{border-bottom:1px solid #e7e5e4;padding:1rem 1.5rem;font-family:Georgia,serif;font-weight:700;font-size:1.25rem}
main{max-width:28rem;margin:4rem auto;padding:0 1.5rem;text-align:center}
h1{font-family:Georgia,serif;font-size:2.25rem;margin:0 0 .75rem}p{color:#44403c;line-height:1.5}`;

/**
 * What every page answers while the database is down (proxy.ts): 503 with Retry-After, the store's name
 * and look (self-contained: the app's stylesheet may be what is failing), and a reload when it expires.
 * No script, nothing about the failure itself.
 */
export function unavailableAnswer(method: string): Response {
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}">
<title>Briefly unavailable · Bindery</title><style nonce="${nonce}">${STYLE}</style></head>
<body><header>Bindery</header><main data-testid="unavailable-page">
<h1>The shop is briefly unavailable</h1>
<p>We can't reach our records right now. Nothing you bought is lost: your books and links are safe.</p>
<p>This page tries again by itself in a few seconds.</p>
</main></body></html>`;
  return new Response(method === "HEAD" ? null : html, {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Retry-After": String(RETRY_AFTER_SECONDS),
      "Cache-Control": "no-store",
      "Content-Security-Policy": [
        "default-src 'none'",
        `style-src 'nonce-${nonce}'`,
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'none'",
      ].join("; "),
    },
  });
}
