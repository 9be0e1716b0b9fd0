import { streamFromApp } from "./backends/node";
import { offloadBackendFor, offloadHeaderValue } from "./offload-header";
import { resolveConfinedPath } from "./resolve-confined-path";
import { entityHeaders } from "./response-headers";
import type { ConfinedFile, ProtectedFile, SendfileOptions } from "./types";

const ALLOWED_METHODS = "GET, HEAD";

/**
 * Answers a GET or HEAD for a file the caller has already authorised. Throws ConfinementError or
 * MissingFileError (the caller answers 404); every other outcome is a Response. `resolved` is the
 * file as the caller already confined it (resolveConfinedPath), to spare a second lookup.
 */
export async function sendProtectedFile(
  request: Request,
  file: ProtectedFile,
  options: SendfileOptions,
  resolved?: ConfinedFile,
): Promise<Response> {
  if (request.method !== "GET" && request.method !== "HEAD") {
    return new Response(null, { status: 405, headers: { Allow: ALLOWED_METHODS } });
  }
  const target = resolved ?? (await resolveConfinedPath(options.protectedRoot, file.storageKey));

  const offload = offloadBackendFor(options.backend);
  const headerValue = offloadHeaderValue(options.backend, target.absolutePath, file.storageKey, options.internalPrefix);
  if (offload === null || headerValue === null) return streamFromApp(request, file, target);

  // No ETag or Last-Modified here: the web server sends its own for the file it serves, and
  // conditional requests and ranges are answered by it.
  const headers = entityHeaders(file);
  headers.set(offload.headerName, headerValue);
  return new Response(null, { status: offload.status, headers });
}
