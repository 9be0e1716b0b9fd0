import type { Stamp } from "./model";

const MAX_FIELD_LENGTH = 200;

/**
 * Control characters, bidi overrides and isolates, zero-width characters, and what XML 1.0 cannot carry
 * (lone surrogates, U+FFFE/FFFF): none belong in a name, and some would break the XML or hide text.
 */
const UNWANTED = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufffe\uffff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A stamp field as it may be printed: NFC, no invisible or unrepresentable characters, one line, bounded. */
export function cleanField(value: string): string {
  const cleaned = value.normalize("NFC").replace(LONE_SURROGATE, "").replace(UNWANTED, " ").replace(/\s+/g, " ").trim();
  return Array.from(cleaned).slice(0, MAX_FIELD_LENGTH).join("");
}

/** The stamp with every field cleaned; the name falls back to the email when it is empty. */
export function cleanStamp(stamp: Stamp): Stamp {
  const email = cleanField(stamp.email);
  const licensedTo = cleanField(stamp.licensedTo) || email;
  return {
    ...stamp,
    licensedTo,
    email,
    orderId: cleanField(stamp.orderId),
    shopName: cleanField(stamp.shopName),
  };
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Escapes text for XML element content and (double- or single-quoted) attribute values alike. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => XML_ESCAPES[character]);
}

/** The order's date as printed: ISO, unambiguous in every locale. */
export function licenceDate(stamp: Stamp): string {
  return (stamp.licensedAt ?? new Date()).toISOString().slice(0, 10);
}
