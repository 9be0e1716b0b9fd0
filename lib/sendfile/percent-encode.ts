const PERCENT_ESCAPES = Array.from(
  { length: 256 },
  (_, byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`,
);

/** RFC 3986 unreserved: A-Z a-z 0-9 - . _ ~ */
function isUnreserved(byte: number): boolean {
  return (
    (byte >= 0x41 && byte <= 0x5a) ||
    (byte >= 0x61 && byte <= 0x7a) ||
    (byte >= 0x30 && byte <= 0x39) ||
    byte === 0x2d ||
    byte === 0x2e ||
    byte === 0x5f ||
    byte === 0x7e
  );
}

/** Percent-encodes the UTF-8 bytes of text, keeping the bytes for which keepLiteral is true. */
export function percentEncodeBytes(text: string, keepLiteral: (byte: number) => boolean = isUnreserved): string {
  let encoded = "";
  for (const byte of Buffer.from(text, "utf8")) {
    encoded += keepLiteral(byte) ? String.fromCharCode(byte) : PERCENT_ESCAPES[byte];
  }
  return encoded;
}

/** Encodes each "/"-separated segment on its own, so "/" stays a separator. */
export function percentEncodePath(pathText: string): string {
  return pathText
    .split("/")
    .map((segment) => percentEncodeBytes(segment))
    .join("/");
}

/**
 * Header values are ByteStrings: Node writes each UTF-16 code unit as one Latin-1 byte. Handing it
 * the UTF-8 bytes one per code unit puts exactly those bytes on the wire.
 */
export function toByteString(text: string): string {
  return Buffer.from(text, "utf8").toString("latin1");
}

export function joinUriPrefix(prefix: string, encodedPath: string): string {
  return prefix.endsWith("/") ? prefix + encodedPath : `${prefix}/${encodedPath}`;
}
