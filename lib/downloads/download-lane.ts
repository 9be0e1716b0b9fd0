import "server-only";
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { noteRequestError } from "@/lib/db/outage";
import { installLane } from "@/lib/http/lanes";
import { NON_PAGE_CSP, STATIC_SECURITY_HEADERS } from "@/lib/http/security-headers.mjs";
import { unavailableAnswer } from "@/lib/http/unavailable-page";
import { laneGrantId } from "./lane-path";
import { serveDownload } from "./serve-download";

/**
 * The download lane: `GET`/`HEAD /api/downloads/<grantId>` answered by serveDownload straight from Node's
 * HTTP server, beside Next's router rather than through it. Same function, same rules, same answers as the
 * route handler (app/api/downloads/[grantId]/route.ts, which still answers in development and anything the
 * lane does not take); what it skips is Next's routing, its request wrapping and its response piping, about
 * half of a small download's CPU (docs/ARCHITECTURE.md, "The download lane").
 *
 * scripts/server-preload.cjs offers every request to the lanes (lib/http/lanes.ts), after it has set the
 * peer-address header; instrumentation.ts installs this one in production.
 */
const SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  ...STATIC_SECURITY_HEADERS,
  { key: "Content-Security-Policy", value: NON_PAGE_CSP },
];

export function installDownloadLane(): void {
  installLane(takeDownloadRequest, "downloads");
}

/** True when the request is a download and this lane answers it; false leaves it to Next. */
export function takeDownloadRequest(request: IncomingMessage, response: ServerResponse): boolean {
  const grantId = laneGrantId(request.method, request.url);
  if (grantId === null) return false;
  answer(request, response, grantId).catch((error: unknown) => {
    // Failed while sending (the file could not be read mid-way): the status line is gone, so cut the answer
    // short; the client sees an incomplete download, never a complete-looking one.
    console.error(`[downloads] ${request.method} ${request.url} failed while sending:`, error);
    response.destroy();
  });
  return true;
}

async function answer(request: IncomingMessage, response: ServerResponse, grantId: string): Promise<void> {
  let answered: Response;
  try {
    answered = await serveDownload(webRequest(request), grantId);
  } catch (error) {
    noteRequestError(error);
    if (isDatabaseUnavailable(error)) {
      answered = unavailableAnswer(request.method ?? "GET");
    } else {
      // The reference is what the visitor can quote; the log line holds the rest.
      const reference = randomBytes(6).toString("hex");
      console.error(`[downloads] ${request.method} ${request.url} failed (reference ${reference}):`, error);
      answered = new Response(`Something went wrong (reference ${reference}).\n`, {
        status: 500,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
      });
    }
  }
  await send(answered, response);
}

/** The Web Request serveDownload reads: the path and query as sent, and the headers as Node parsed them. */
function webRequest(request: IncomingMessage): Request {
  const headers = new Headers();
  // From `headers`, not `rawHeaders`: the preload has overwritten x-bindery-peer there, whatever a client sent.
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const one of value) headers.append(name, one);
    else headers.set(name, value);
  }
  // The origin is never read: serveDownload uses the path and the query only.
  return new Request(`http://localhost${request.url ?? "/"}`, { method: request.method, headers });
}

async function send(answered: Response, response: ServerResponse): Promise<void> {
  response.statusCode = answered.status;
  // What next.config.mjs `headers()` adds to every /api answer; a header the answer sets itself wins.
  for (const { key, value } of SECURITY_HEADERS) if (!answered.headers.has(key)) response.setHeader(key, value);
  answered.headers.forEach((value, key) => {
    // Next's internal carrier for Content-Length (lib/http/content-length.ts): here the real one is kept.
    if (key !== "x-bindery-content-length") response.setHeader(key, value);
  });
  if (!answered.body) {
    response.end();
    return;
  }
  try {
    await pipeline(Readable.fromWeb(answered.body as NodeWebStream<Uint8Array>), response);
  } catch (error) {
    // The client went away mid-file: pipeline has closed the file; nothing else to do.
    if ((error as NodeJS.ErrnoException).code !== "ERR_STREAM_PREMATURE_CLOSE") throw error;
  }
}
