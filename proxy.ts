import { NextResponse, type NextRequest } from "next/server";
import { databaseOutageSince } from "@/lib/db/outage-flag";
import { announcesTooMuch, bodyTooLargeAnswer } from "@/lib/http/body-limit";
import { cachedPagePath } from "@/lib/http/cached-pages";
import { cachedPagePolicy, pagePolicy } from "@/lib/http/security-headers.mjs";
import { unavailableAnswer } from "@/lib/http/unavailable-page";

const REWRITE_MARK = "x-bindery-cached-page";
const rewriteSecret = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));

/**
 * Catalog and book pages for visitors without a session or cart are rewritten to their cached copy
 * (app/(cached)). Every other page gets a fresh nonce per request, handed to Next.js through the
 * request's Content-Security-Policy header (Next reads the nonce from there and puts it on every
 * script it renders) and sent to the browser in the same header on the answer. Headers and the body
 * size only: the role checks are in each page and route handler, never here.
 */
export function proxy(request: NextRequest) {
  // Server actions are POSTed to pages. Refused here by their announced length, before Next reads
  // them (it would answer an oversize action with a 500). No browser sends a page a chunked body,
  // and Next would cut one at proxyClientMaxBodySize without saying so: refused too.
  if (request.body && (announcesTooMuch(request) || request.headers.has("transfer-encoding")))
    return bodyTooLargeAnswer();
  // Next.js decodes a page's path parameters and answers 500 when that fails: a malformed address is
  // the client's mistake.
  if (!decodable(request.nextUrl.pathname)) return new Response("Malformed address", { status: 400 });
  // While the database is known to be down, every page would fail: say so once, plainly (503).
  if (databaseOutageSince() !== null) return unavailableAnswer(request.method);
  const dev = process.env.NODE_ENV === "development";
  // The cached pages' own addresses are internal: one URL per page, and only with their policy.
  // Should Next ever proxy a rewrite over HTTP (it did before skipProxyUrlNormalize, next.config.mjs),
  // the rewritten request comes through here again, carrying this process's mark.
  if (request.nextUrl.pathname === "/cached" || request.nextUrl.pathname.startsWith("/cached/")) {
    return request.headers.get(REWRITE_MARK) === rewriteSecret
      ? NextResponse.next()
      : new Response("Not found", { status: 404 });
  }
  const cookieNames = request.cookies.getAll().map((cookie) => cookie.name);
  const cached = cachedPagePath(request.method, request.nextUrl, cookieNames);
  if (cached) {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set(REWRITE_MARK, rewriteSecret);
    // Same origin as the request as Next sees it: an internal rewrite (see skipProxyUrlNormalize in
    // next.config.mjs for why Next must not normalize it).
    const target = new URL(cached, request.url);
    const response = NextResponse.rewrite(target, { request: { headers: requestHeaders } });
    response.headers.set("Content-Security-Policy", cachedPagePolicy({ dev }));
    return response;
  }
  // Prefetches of the RSC payload carry no HTML, so no scripts to nonce.
  if (request.headers.has("next-router-prefetch") || request.headers.get("purpose") === "prefetch")
    return NextResponse.next();
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const policy = pagePolicy(nonce, { dev });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

function decodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export const config = {
  matcher: [
    {
      // Pages only. Not /api (downloads are the hot path: a proxy is one more hop and ~1 ms of CPU per
      // request there, and it would buffer upload bodies), not /_next/static or /_next/image (files),
      // not /media (uploads with their own policy), not favicon, robots.txt or sitemap.xml (text and
      // XML for crawlers). Their headers come from next.config.mjs, without a nonce: they run no script.
      // Prefetches come through too: an anonymous visitor's prefetch of a book must reach the cached copy.
      source: "/((?!api/|_next/static|_next/image|media/|favicon\\.ico|robots\\.txt|sitemap\\.xml).*)",
    },
  ],
};
