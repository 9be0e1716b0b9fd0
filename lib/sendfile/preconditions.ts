import {
  parseEntityTags,
  parseHttpDateSeconds,
  strongMatch,
  toSeconds,
  weakMatch,
  type Validators,
} from "./validators";

export type PreconditionOutcome = "proceed" | "not-modified" | "failed";

/** RFC 9110 §13.2.2 steps 1–4 for a GET or HEAD of an existing file. */
export function evaluatePreconditions(headers: Headers, validators: Validators): PreconditionOutcome {
  const lastModified = toSeconds(validators.lastModified);

  const ifMatch = headers.get("if-match");
  if (ifMatch !== null) {
    const tags = parseEntityTags(ifMatch);
    const matches = tags.includes("*") || tags.some((tag) => strongMatch(tag, validators.etag));
    if (!matches) return "failed";
  } else {
    const ifUnmodifiedSince = parseDateHeader(headers, "if-unmodified-since");
    if (ifUnmodifiedSince !== null && lastModified > ifUnmodifiedSince) return "failed";
  }

  const ifNoneMatch = headers.get("if-none-match");
  if (ifNoneMatch !== null) {
    const tags = parseEntityTags(ifNoneMatch);
    const matches = tags.includes("*") || tags.some((tag) => weakMatch(tag, validators.etag));
    return matches ? "not-modified" : "proceed";
  }
  const ifModifiedSince = parseDateHeader(headers, "if-modified-since");
  if (ifModifiedSince !== null && lastModified <= ifModifiedSince) return "not-modified";
  return "proceed";
}

/** RFC 9110 §13.1.5: whether a Range may be honoured; true when there is no If-Range. */
export function ifRangeHolds(headers: Headers, validators: Validators, now: Date = new Date()): boolean {
  const ifRange = headers.get("if-range");
  if (ifRange === null) return true;
  const value = ifRange.trim();
  if (value.startsWith('"') || value.startsWith("W/")) return strongMatch(value, validators.etag);
  const date = parseHttpDateSeconds(value);
  const lastModified = toSeconds(validators.lastModified);
  // A Last-Modified less than a second old is a weak validator, and If-Range needs a strong one.
  const isStrong = toSeconds(now) - lastModified >= 1;
  return date !== null && isStrong && date === lastModified;
}

function parseDateHeader(headers: Headers, name: string): number | null {
  const value = headers.get(name);
  return value === null ? null : parseHttpDateSeconds(value);
}
