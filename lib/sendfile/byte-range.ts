import parseRange from "range-parser";

export type RangeDecision =
  { kind: "full" } | { kind: "partial"; start: number; end: number } | { kind: "unsatisfiable" };

/**
 * Only one satisfiable byte range is served. Several ranges (overlapping or not) are answered with
 * the whole file: multipart/byteranges buys clients nothing here and is a known amplification vector.
 */
export function selectRange(rangeHeader: string | null, size: number): RangeDecision {
  if (rangeHeader === null) return { kind: "full" };
  const equals = rangeHeader.indexOf("=");
  if (equals === -1 || rangeHeader.slice(0, equals).trim().toLowerCase() !== "bytes") return { kind: "full" };

  const ranges = parseRange(size, `bytes=${rangeHeader.slice(equals + 1)}`);
  if (ranges === -2) return { kind: "full" };
  if (ranges === -1) return { kind: "unsatisfiable" };
  const [only] = ranges;
  if (ranges.length !== 1 || only === undefined) return { kind: "full" };
  return { kind: "partial", start: only.start, end: only.end };
}
