/** What a file is, decided from its first bytes; never from its name or the client's Content-Type. */
export interface SniffedType {
  contentType: string;
  extension: string;
  label: string;
}

/** How many leading bytes the sniffers need (an EPUB's first zip entry, with room for an extra field). */
export const SNIFF_BYTES = 4096;

const PDF: SniffedType = { contentType: "application/pdf", extension: "pdf", label: "PDF" };
const EPUB: SniffedType = { contentType: "application/epub+zip", extension: "epub", label: "EPUB" };
const PNG: SniffedType = { contentType: "image/png", extension: "png", label: "PNG" };
const JPEG: SniffedType = { contentType: "image/jpeg", extension: "jpg", label: "JPEG" };
const WEBP: SniffedType = { contentType: "image/webp", extension: "webp", label: "WebP" };

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length));

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const EPUB_MIMETYPE = "application/epub+zip";

/**
 * OCF (EPUB 3.3 §4.2.2): the first zip entry is named `mimetype`, stored uncompressed, and holds
 * exactly `application/epub+zip`. Any other zip (or a renamed .docx) is not an EPUB.
 */
function isEpub(head: Uint8Array): boolean {
  if (!startsWith(head, ZIP_LOCAL_HEADER) || head.length < 30) return false;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const compression = view.getUint16(8, true);
  const nameLength = view.getUint16(26, true);
  const extraLength = view.getUint16(28, true);
  const dataStart = 30 + nameLength + extraLength;
  if (compression !== 0 || head.length < dataStart + EPUB_MIMETYPE.length) return false;
  return ascii(head, 30, nameLength) === "mimetype" && ascii(head, dataStart, EPUB_MIMETYPE.length) === EPUB_MIMETYPE;
}

/** A file the store can sell: PDF (`%PDF-` at byte 0) or EPUB. Null for anything else. */
export function sniffSellableType(head: Uint8Array): SniffedType | null {
  if (ascii(head, 0, 5) === "%PDF-") return PDF;
  if (isEpub(head)) return EPUB;
  return null;
}

/** A cover image: PNG, JPEG or WebP. Null for anything else (SVG included: it can carry script). */
export function sniffImageType(head: Uint8Array): SniffedType | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (startsWith(head, [0xff, 0xd8, 0xff])) return JPEG;
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 4) === "WEBP") return WEBP;
  return null;
}
