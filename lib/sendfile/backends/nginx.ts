import { joinUriPrefix, percentEncodePath } from "../percent-encode";
import type { OffloadBackend } from "../types";

// nginx 1.22 percent-decodes the X-Accel-Redirect URI exactly once, so every byte outside the
// unreserved set is encoded: "%41" must reach the disk as "%41", never as "A".
export const nginxBackend: OffloadBackend = {
  headerName: "X-Accel-Redirect",
  // On a chunked 200 nginx drops its keepalive connection to the app; on a 204 it keeps it
  // (docs/ARCHITECTURE.md, "Offload status codes").
  status: 204,
  headerValue: ({ storageKey, internalPrefix }) => joinUriPrefix(internalPrefix, percentEncodePath(storageKey)),
  // ngx_http_set_etag: "<mtime seconds hex>-<size hex>".
  etagFor: ({ size, mtime }) => `"${Math.floor(mtime.getTime() / 1000).toString(16)}-${size.toString(16)}"`,
};
