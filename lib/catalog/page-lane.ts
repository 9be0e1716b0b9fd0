import "server-only";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { parse as parseCookieHeader } from "cookie";
import Negotiator from "negotiator";
import { databaseOutageSince } from "@/lib/db/outage-flag";
import { cachedPagePath } from "@/lib/http/cached-pages";
import { installLane } from "@/lib/http/lanes";
import { cachedPagePolicy } from "@/lib/http/security-headers.mjs";
import { pageCopies, type PageCopy } from "./page-copies";

/**
 * The page lane: an anonymous visitor's catalog and book pages (the ones proxy.ts rewrites to Next's cached
 * copy, app/(cached)) answered from memory beside Next's router. The first request for a page goes through
 * Next as before, and the lane keeps what Next sent; later ones get those bytes without Next's proxy, router
 * and cache lookup (docs/ARCHITECTURE.md, "Cached pages"). Nothing is rendered here: a copy is only ever
 * Next's own answer for the shared page, dropped when an admin's change drops Next's (page-cache.ts).
 *
 * scripts/server-preload.cjs offers every request to the lanes (lib/http/lanes.ts); instrumentation.ts installs
 * this one in production, after the download lane.
 */

// Another instance's change reaches this one through Next's `revalidate` (60 s); the lane adds at most this.
const COPY_LIFETIME_MS = 5_000;
// Plain and gzipped bytes together, a few hundred pages; the oldest copies go first.
const MAX_BYTES = 24 * 1024 * 1024;
// Next's navigation requests (RSC payloads, prefetches, server actions) carry these; only documents come here.
const NEXT_REQUEST_HEADERS = /^(rsc|next-[a-z-]+)$/;
// Conditional requests are left to Next, which answers 304 for its own ETag.
const CONDITIONAL_HEADERS = ["if-none-match", "if-modified-since", "if-match", "if-unmodified-since", "if-range"];
// Not kept: framing, per-answer and Next-internal headers. The rest is replayed as Next sent it.
const NOT_KEPT = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "date",
  "x-middleware-rewrite",
  "x-nextjs-cache",
]);
const SHARED_PAGE_POLICY = cachedPagePolicy();

export function installPageLane(): void {
  installLane(takePageRequest, "anonymous visitors' catalog and book pages");
}

/** True when this lane answers the request; false leaves it to Next (and may keep Next's answer). */
export function takePageRequest(request: IncomingMessage, response: ServerResponse): boolean {
  const internalPath = sharedPagePath(request);
  if (internalPath === null) return false;
  const copies = pageCopies();
  const copy = copies.entries.get(internalPath);
  if (copy && Date.now() - copy.storedAt < COPY_LIFETIME_MS) {
    send(copy, request, response);
    return true;
  }
  if (request.method === "GET") keepAnswer(internalPath, request, response);
  return false;
}

/** The cached page a request is for, when the lane may answer it: what proxy.ts would rewrite, documents only. */
function sharedPagePath(request: IncomingMessage): string | null {
  const { method, headers } = request;
  if (method !== "GET" && method !== "HEAD") return null;
  if (databaseOutageSince() !== null) return null;
  for (const name of Object.keys(headers)) if (NEXT_REQUEST_HEADERS.test(name)) return null;
  if (CONDITIONAL_HEADERS.some((name) => headers[name] !== undefined)) return null;
  let url: URL;
  try {
    url = new URL(request.url ?? "/", "http://lane.invalid");
  } catch {
    return null;
  }
  if (url.searchParams.has("_rsc")) return null;
  const cookieNames = Object.keys(parseCookieHeader(headers.cookie ?? ""));
  return cachedPagePath(method, url, cookieNames);
}

function send(copy: PageCopy, request: IncomingMessage, response: ServerResponse) {
  const gzip = new Negotiator(request).encoding(["identity", "gzip"]) === "gzip";
  const body = gzip ? copy.gzipped : copy.body;
  response.statusCode = copy.status;
  for (const [name, value] of copy.headers) response.setHeader(name, value);
  response.setHeader("x-nextjs-cache", "HIT");
  if (gzip) response.setHeader("content-encoding", "gzip");
  response.setHeader("content-length", body.length);
  response.end(request.method === "HEAD" ? undefined : body);
}

/**
 * Lets Next answer, and keeps the answer when it is the shared page: a 200 with the shared page's policy
 * (only proxy.ts's rewrite to app/(cached) sets it), no cookie set and nothing private. The request loses
 * its Accept-Encoding so Next sends the plain page; the lane gzips its copy once.
 */
function keepAnswer(internalPath: string, request: IncomingMessage, response: ServerResponse) {
  const copies = pageCopies();
  const generation = copies.generation;
  delete request.headers["accept-encoding"];
  const chunks: Buffer[] = [];
  let passedHeaders: OutgoingHttpHeaders = {};
  const { writeHead, write, end } = response;
  response.writeHead = function (this: ServerResponse, ...args: Parameters<typeof writeHead>) {
    const headers = args.find((arg, index) => index > 0 && typeof arg === "object" && arg !== null);
    if (headers && !Array.isArray(headers)) {
      const entries = Object.entries(headers as OutgoingHttpHeaders);
      passedHeaders = Object.fromEntries(entries.map(([name, value]) => [name.toLowerCase(), value]));
    }
    return writeHead.apply(this, args);
  } as typeof writeHead;
  response.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    collect(chunks, chunk);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof write;
  response.end = function (this: ServerResponse, ...args: unknown[]) {
    if (typeof args[0] !== "function") collect(chunks, args[0]);
    const headers = { ...response.getHeaders(), ...passedHeaders };
    if (copies.generation === generation && isSharedPage(response.statusCode, headers)) {
      store(internalPath, { status: response.statusCode, headers: kept(headers), body: Buffer.concat(chunks) });
    }
    return (end as (...args: unknown[]) => ServerResponse).apply(this, args);
  } as typeof end;
}

function collect(chunks: Buffer[], chunk: unknown) {
  if (typeof chunk === "string") chunks.push(Buffer.from(chunk));
  else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
}

function isSharedPage(status: number, headers: OutgoingHttpHeaders): boolean {
  const cacheControl = String(headers["cache-control"] ?? "");
  return (
    status === 200 &&
    headers["content-security-policy"] === SHARED_PAGE_POLICY &&
    headers["set-cookie"] === undefined &&
    headers["content-encoding"] === undefined &&
    !/private|no-store/.test(cacheControl)
  );
}

function kept(headers: OutgoingHttpHeaders): [string, string][] {
  return Object.entries(headers).flatMap(([name, value]): [string, string][] => {
    if (value === undefined || NOT_KEPT.has(name.toLowerCase())) return [];
    return Array.isArray(value) ? value.map((one) => [name, one]) : [[name, String(value)]];
  });
}

function store(internalPath: string, answer: Omit<PageCopy, "gzipped" | "storedAt">) {
  const copies = pageCopies();
  const previous = copies.entries.get(internalPath);
  if (previous) {
    copies.entries.delete(internalPath);
    copies.bytes -= previous.body.length + previous.gzipped.length;
  }
  const copy: PageCopy = { ...answer, gzipped: gzipSync(answer.body), storedAt: Date.now() };
  copies.entries.set(internalPath, copy);
  copies.bytes += copy.body.length + copy.gzipped.length;
  for (const [oldest, old] of copies.entries) {
    if (copies.bytes <= MAX_BYTES) break;
    copies.entries.delete(oldest);
    copies.bytes -= old.body.length + old.gzipped.length;
  }
}
