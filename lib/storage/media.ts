import "server-only";
import { createReadStream } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { getConfig } from "@/lib/config";
import { keepContentLength } from "@/lib/http/content-length";
import { resolveConfinedPath } from "@/lib/sendfile";
import { MEDIA_CSP } from "@/lib/http/security-headers.mjs";

const MEDIA_TYPES: Record<string, string> = {
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".pdf": "application/pdf",
};

// Covers (with their resized copies) and samples get a new random name with every upload: a URL never
// changes meaning, so browsers keep it for a year. The web server configs (deploy/) say the same.
const IMMUTABLE_FOLDERS = new Set(["covers", "samples"]);

/** The Cache-Control for a file under MEDIA_ROOT, by its folder. */
export function mediaCacheControl(segments: readonly string[]): string {
  return segments.length > 1 && IMMUTABLE_FOLDERS.has(segments[0] ?? "")
    ? "public, max-age=31536000, immutable"
    : "public, max-age=3600";
}

const notFound = () =>
  new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** Streams a public media file, confined to MEDIA_ROOT; only known image/sample types are served. */
export async function serveMediaFile(request: Request, segments: string[]): Promise<Response> {
  const type = MEDIA_TYPES[path.extname(segments.at(-1) ?? "").toLowerCase()];
  if (!type) return notFound();
  // The same confinement as sold files: no "..", no absolute keys, no symlink out of the root.
  const resolved = await resolveConfinedPath(getConfig().mediaRoot, segments.join("/")).catch(() => null);
  if (!resolved) return notFound();
  const { absolutePath: file, size, mtime } = resolved;

  const etag = `"${size.toString(16)}-${mtime.getTime().toString(16)}"`;
  const headers = new Headers({
    "Content-Type": type,
    "Cache-Control": mediaCacheControl(segments),
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": MEDIA_CSP,
  });
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  headers.set("Content-Length", String(size));
  if (request.method === "HEAD") return keepContentLength(new Response(null, { headers }));
  const body = Readable.toWeb(createReadStream(/*turbopackIgnore: true*/ file)) as ReadableStream<Uint8Array>;
  return keepContentLength(new Response(body, { headers }));
}
