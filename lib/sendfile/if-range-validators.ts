import { offloadBackendFor, offloadHeaderValue } from "./offload-header";
import type { ConfinedFile, ProtectedFile, SendfileBackendName, SendfileOptions } from "./types";
import { validatorsFor } from "./validators";

// A Last-Modified younger than a second is a weak validator (RFC 9110 §8.8.2.2), and a server then
// ignores a date If-Range and sends the whole file; the extra second is a margin for its own clock.
const DATE_STRONG_AFTER_MS = 2000;

/** Which server will send this file's bytes: the configured one, or the app when it cannot offload it. */
export function answeringBackend(
  file: ProtectedFile,
  target: ConfinedFile,
  options: SendfileOptions,
): SendfileBackendName {
  const value = offloadHeaderValue(options.backend, target.absolutePath, file.storageKey, options.internalPrefix);
  return value === null ? "node" : options.backend;
}

/**
 * The If-Range values with which the server answering for this file certainly honours a Range, byte
 * for byte: the file's Last-Modified as an IMF-fixdate (the form every measured server sends and
 * matches), and the ETag where the app computes exactly the one that server compares. Any other
 * If-Range may make the server send the whole file.
 */
export function ifRangeValidators(
  file: ProtectedFile,
  target: ConfinedFile,
  options: SendfileOptions,
  now: Date,
): string[] {
  const values: string[] = [];
  if (now.getTime() - target.mtime.getTime() >= DATE_STRONG_AFTER_MS) values.push(target.mtime.toUTCString());
  const backend = answeringBackend(file, target, options);
  const etag =
    backend === "node" ? validatorsFor(target.size, target.mtime).etag : offloadBackendFor(backend)?.etagFor(target);
  if (etag) values.push(etag);
  return values;
}
