import { percentEncodeBytes } from "./percent-encode";

// Written by hand: the content-disposition package (2.0.1) omits filename* for ASCII names, emits
// bare tokens (filename=100%), keeps CR/LF (as %0D%0A) and "/" in the name, and answers filename=""
// for an empty name. Our rule is both parameters, always, from a cleaned name.

// Control characters, line/paragraph separators and bidi overrides (which disguise an extension).
const INVISIBLE = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
const PATH_SEPARATOR = /[/\\]/g;
// Leading dots would save a hidden file (or "." / ".."); leading spaces are stripped by most browsers.
const LEADING_DOTS_AND_SPACE = /^[\s.]+/u;
const COMBINING_MARK = /\p{M}/gu;
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/g;
const ASCII_EXTENSION = /\.[A-Za-z0-9]{1,10}$/;
const DEFAULT_EXTENSION = ".pdf";

export function attachmentDisposition(displayName: string): string {
  const cleaned = cleanDisplayName(displayName);
  const fallback = asciiFallback(cleaned);
  const unicodeName = cleaned === "" ? fallback : cleaned;
  return `attachment; filename="${fallback.replace(/"/g, '\\"')}"; filename*=UTF-8''${encodeExtValue(unicodeName)}`;
}

function cleanDisplayName(displayName: string): string {
  return displayName
    .replace(INVISIBLE, "")
    .replace(PATH_SEPARATOR, "_")
    .normalize("NFC")
    .replace(LEADING_DOTS_AND_SPACE, "")
    .trimEnd();
}

// Accents are dropped ("résumé" → "resume"); other non-ASCII characters are removed. A fallback with
// no letter or digit left becomes "download" plus the name's ASCII extension (".pdf" if none).
function asciiFallback(cleaned: string): string {
  const ascii = cleaned
    .normalize("NFKD")
    .replace(COMBINING_MARK, "")
    .replace(NOT_PRINTABLE_ASCII, "")
    .replace(/ {2,}/g, " ")
    .trimEnd();
  const stem = ascii.replace(ASCII_EXTENSION, "");
  if (/[A-Za-z0-9]/.test(stem)) return ascii.replace(LEADING_DOTS_AND_SPACE, "");
  return `download${ASCII_EXTENSION.exec(cleaned)?.[0] ?? DEFAULT_EXTENSION}`;
}

/** RFC 8187 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~" stay literal, every other UTF-8 byte is escaped. */
function encodeExtValue(name: string): string {
  return percentEncodeBytes(name, (byte) => /[A-Za-z0-9!#$&+\-.^_`|~]/.test(String.fromCharCode(byte)));
}
