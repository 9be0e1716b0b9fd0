import type { Denial } from "./decide";

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Bindery</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1c1917}
body{line-height:1.5}h1{font-family:Georgia,serif}a{color:#9a3412;font-weight:600}</style></head>
<body><h1>${title}</h1>${body}</body></html>`;

const html = (status: number, body: string, extra: Record<string, string> = {}) =>
  new Response(body, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      ...extra,
    },
  });

// One body for every 404: unknown grant, someone else's grant and a bad signature look the same.
const NOT_FOUND_PAGE = page(
  "Download not found",
  '<p>This download link is not valid. If you bought this book, open it from <a href="/library">your library</a>.</p>',
);

export const notFoundAnswer = () => html(404, NOT_FOUND_PAGE);

export const linkExpiredAnswer = () =>
  html(
    410,
    page(
      "This link has expired",
      '<p>Download links last a limited time. Sign in and open <a href="/library">your library</a> for a ' +
        "fresh one, or use the link in your latest receipt.</p>",
    ),
  );

export const linkReplacedAnswer = () =>
  html(
    410,
    page(
      "This link was replaced",
      "<p>The shop replaced the download links of this purchase, so this one no longer works.</p>" +
        '<p>If you bought this book, sign in and download it from <a href="/library">your library</a>, ' +
        "or reply to your receipt email and we will send you a new link.</p>",
    ),
  );

export const rateLimitedAnswer = (retryAfterSeconds: number) =>
  html(429, page("Too many requests", `<p>Please wait ${retryAfterSeconds} seconds and try again.</p>`), {
    "Retry-After": String(retryAfterSeconds),
  });

// The copy is made within seconds; the page reloads itself once, and says so for those who read first.
export const preparingAnswer = (retryAfterSeconds: number) =>
  html(
    503,
    page(
      "Preparing your copy",
      "<p>This book is made for each buyer: your copy carries your name. It is being prepared and will be " +
        "ready in a few seconds. This page tries again by itself; nothing was counted.</p>" +
        '<p><a href="/library">Back to your library</a></p>',
    ),
    { "Retry-After": String(retryAfterSeconds), Refresh: String(retryAfterSeconds) },
  );

const DENIALS: Record<Denial, { title: string; body: string }> = {
  REVOKED: {
    title: "Access to this file was withdrawn",
    body:
      "<p>This purchase was refunded or cancelled, so its downloads are no longer available. If you think this " +
      "is a mistake, reply to your receipt email and we will sort it out.</p>",
  },
  SUSPENDED: {
    title: "Downloads are paused for this order",
    body:
      "<p>The payment for this order is under dispute with the card issuer. Downloads resume as soon as the " +
      "dispute is resolved. Reply to your receipt email if you have questions.</p>",
  },
  EXPIRED: {
    title: "The download period has ended",
    body:
      "<p>This book could be downloaded for a limited time after purchase, and that time is over. Reply to " +
      "your receipt email and we can extend it.</p>",
  },
  EXHAUSTED: {
    title: "No downloads left for this file",
    body:
      "<p>You have used all the downloads this shop allows for this file. Reply to your receipt email and we " +
      "can reset the count.</p>",
  },
};

export function deniedAnswer(denial: Denial): Response {
  const { title, body } = DENIALS[denial];
  return html(403, page(title, `${body}<p><a href="/library">Back to your library</a></p>`));
}
