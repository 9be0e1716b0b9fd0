// Headers every answer carries, pages or not: set once in next.config.mjs `headers()` (plain .mjs so
// next.config can import it). The page CSP with its per-request nonce is set by proxy.ts.

/** Pages, downloads, media, errors: the browser must not guess types, leak URLs or grant devices. */
export const STATIC_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Full URLs (a reset token, a signed link) never leave the site; other sites see the origin only.
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
  },
  // For browsers older than CSP frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
];

/**
 * The CSP of answers that are not pages (downloads, API JSON, CSV): nothing in them may run or be
 * framed. A page's policy is pagePolicy() below, set by proxy.ts; /media sets its own.
 */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Uploaded media (an SVG cover opened directly must not run script), in the app and in deploy/. */
export const MEDIA_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'";

/**
 * The page policy for one request. Scripts run only with this request's nonce ('strict-dynamic'
 * lets Next's own nonce'd loader load its chunks); no 'unsafe-inline' for scripts, so an injected
 * <script> or onclick= does nothing. Styles keep 'unsafe-inline': React renders style attributes,
 * which a nonce cannot cover, and CSS cannot run code. No form-action: the checkout form is
 * redirected to Stripe's origin, which Chrome checks against form-action.
 */
export function pagePolicy(nonce, { dev = false } = {}) {
  // React's development build evaluates code for its debugging aids; production never does.
  return policyWith(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`);
}

/**
 * The policy of a page served from the cache (app/(cached)): rendered once for many visitors, so no
 * nonce can be in it, and Next's inline scripts (the page's data) differ with every render, so no
 * hash can be known in advance. Inline scripts are allowed there; scripts from other origins,
 * plugins, framing and base changes stay forbidden. Such a page is served only to visitors with no
 * session and no cart, reflects no request input (no search), and shows only what admins entered,
 * escaped by React: see docs/ARCHITECTURE.md "Cached pages".
 */
export function cachedPagePolicy({ dev = false } = {}) {
  return policyWith(`script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`);
}

function policyWith(scriptSrc) {
  return [
    "default-src 'self'",
    scriptSrc,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
