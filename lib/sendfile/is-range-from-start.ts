const SINGLE_BYTE_RANGE = /^\s*bytes\s*=\s*(\d+)\s*-\s*\d*\s*$/i;

/**
 * Whether this request counts as a download: true unless it asks for one byte range that starts
 * past byte 0 (a resumed download). Suffix ranges ("bytes=-500") count, since they can cover the
 * whole file; so do several ranges and other units, which are answered with the whole file.
 */
export function isRangeFromStart(request: Request): boolean {
  const range = request.headers.get("range");
  if (range === null) return true;
  const match = SINGLE_BYTE_RANGE.exec(range);
  const firstByte = match?.[1];
  if (firstByte === undefined) return true;
  return /^0+$/.test(firstByte);
}
