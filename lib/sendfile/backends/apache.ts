import { toByteString } from "../percent-encode";
import type { OffloadBackend } from "../types";

// mod_xsendfile 0.12 opens X-Sendfile verbatim (no percent-decoding), so the header must carry the
// path's raw UTF-8 bytes.
export const apacheBackend: OffloadBackend = {
  headerName: "X-Sendfile",
  // mod_xsendfile acts only on a 200; on a 204 it passes the header (and the path) to the client.
  status: 200,
  headerValue: ({ absolutePath }) => {
    // The Headers class trims leading/trailing whitespace from values, which would name another file.
    if (/\s$/.test(absolutePath)) return null;
    return toByteString(absolutePath);
  },
  // deploy/apache turns ETags off (mod_xsendfile 0.12 would send "0" for every file): an ETag If-Range never matches.
  etagFor: () => null,
};
