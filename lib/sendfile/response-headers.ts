import { attachmentDisposition } from "./attachment-disposition";
import type { ProtectedFile } from "./types";

const MEDIA_TYPE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+(?:\s*;[\x20-\x7e]*)?$/;

/** Headers every answer carries, whether the app or the web server sends the bytes. */
export function privateHeaders(): Headers {
  return new Headers({ "X-Content-Type-Options": "nosniff", "Cache-Control": "private" });
}

/** What the client needs to save the file: its type and the attachment name. */
export function entityHeaders(file: ProtectedFile): Headers {
  const headers = privateHeaders();
  // A malformed type from the database must not break the header block or invite sniffing.
  headers.set("Content-Type", MEDIA_TYPE.test(file.contentType) ? file.contentType : "application/octet-stream");
  headers.set("Content-Disposition", attachmentDisposition(file.displayName));
  return headers;
}
