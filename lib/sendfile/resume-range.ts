/**
 * A single byte range from past byte 0 in the one spelling every measured server honours as sent
 * (docs/downloads.md): lowercase `bytes=`, no whitespace, no leading zero, at most 15 digits (no
 * server overflows), and an end, if any, not before the start. Anything else is null: a server may
 * ignore it and send the whole file, so the caller must treat it as a download from byte 0.
 */
const RESUME_RANGE = /^bytes=([1-9][0-9]{0,14})-([0-9]{1,15})?$/;

export interface ResumeRange {
  start: number;
  end: number | null;
}

export function parseResumeRange(header: string | null): ResumeRange | null {
  if (header === null) return null;
  const match = RESUME_RANGE.exec(header);
  if (!match?.[1]) return null;
  const start = Number(match[1]);
  const end = match[2] === undefined ? null : Number(match[2]);
  if (end !== null && end < start) return null;
  return { start, end };
}
