import { formatBytes } from "./money";

/**
 * An ISBN as printed ("978-0-306-40615-7", "0 306 40615 2"), checked and kept as digits only (an X may
 * end an ISBN-10); null when it is not a valid ISBN-13 or ISBN-10 (length or check digit).
 */
export function normalizeIsbn(text: string): string | null {
  const compact = text.replace(/[\s-]/g, "").toUpperCase();
  if (/^97[89]\d{10}$/.test(compact)) {
    const sum = [...compact].reduce((total, digit, i) => total + Number(digit) * (i % 2 === 0 ? 1 : 3), 0);
    return sum % 10 === 0 ? compact : null;
  }
  if (/^\d{9}[\dX]$/.test(compact)) {
    const sum = [...compact].reduce((total, digit, i) => total + (digit === "X" ? 10 : Number(digit)) * (10 - i), 0);
    return sum % 11 === 0 ? compact : null;
  }
  return null;
}

/** A BCP 47 language tag as shop owners write them: "en", "fr", "pt-BR", "zh-Hant". */
export const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** "fr" → "French", "pt-BR" → "Brazilian Portuguese"; the tag itself when the runtime does not know it. */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "language" }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** What a format offers, as the book page lists it: "312 pages · 4.2 MB", or the size alone. */
export function fileExtent(file: { pageCount: number | null; size: number }): string {
  const size = formatBytes(file.size);
  if (!file.pageCount) return size;
  return `${file.pageCount.toLocaleString("en")} page${file.pageCount === 1 ? "" : "s"} · ${size}`;
}
