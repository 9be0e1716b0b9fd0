import { selectRange } from "../byte-range";
import { evaluatePreconditions, ifRangeHolds } from "../preconditions";
import { entityHeaders, privateHeaders } from "../response-headers";
import type { ProtectedFile } from "../types";
import { validatorsFor } from "../validators";

export interface NodeResponsePlan {
  status: 200 | 206 | 304 | 412 | 416;
  headers: Headers;
  /** Inclusive byte span to send, or null for no body (HEAD, 304, 412, 416, empty file). */
  body: { start: number; end: number } | null;
}

/** Decides the answer for a GET or HEAD of a file of this size and mtime, without touching the disk. */
export function planNodeResponse(
  request: Request,
  file: ProtectedFile,
  stats: { size: number; mtime: Date },
): NodeResponsePlan {
  const { size } = stats;
  const validators = validatorsFor(size, stats.mtime);
  const headers = privateHeaders();
  headers.set("Accept-Ranges", "bytes");
  headers.set("ETag", validators.etag);
  headers.set("Last-Modified", validators.lastModified.toUTCString());

  const outcome = evaluatePreconditions(request.headers, validators);
  if (outcome === "failed") return { status: 412, headers, body: null };
  if (outcome === "not-modified") return { status: 304, headers, body: null };

  const rangeHeader = ifRangeHolds(request.headers, validators) ? request.headers.get("range") : null;
  const range = selectRange(rangeHeader, size);
  if (range.kind === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${size}`);
    return { status: 416, headers, body: null };
  }

  for (const [name, value] of entityHeaders(file)) headers.set(name, value);
  const wantsBody = request.method === "GET";
  if (range.kind === "partial") {
    headers.set("Content-Range", `bytes ${range.start}-${range.end}/${size}`);
    headers.set("Content-Length", String(range.end - range.start + 1));
    return { status: 206, headers, body: wantsBody ? { start: range.start, end: range.end } : null };
  }
  headers.set("Content-Length", String(size));
  return { status: 200, headers, body: wantsBody && size > 0 ? { start: 0, end: size - 1 } : null };
}
