import { joinUriPrefix } from "../percent-encode";
import type { OffloadBackend } from "../types";

// Caddy 2.6's `rewrite` takes the X-Accel-Redirect value as a URI without percent-decoding it and
// splits it at "?" as a query; "#", "%" and raw non-ASCII bytes are not safe through it either.
// Rather than depend on its escaping rules, only keys made entirely of unreserved characters are
// offloaded; any other key is streamed by the app (still correct, just not offloaded).
const CADDY_SAFE_KEY = /^[A-Za-z0-9._~/-]+$/;

export const caddyBackend: OffloadBackend = {
  headerName: "X-Accel-Redirect",
  // Same keepalive behaviour as nginx behind handle_response (docs/ARCHITECTURE.md, "Offload status codes").
  status: 204,
  headerValue: ({ storageKey, internalPrefix }) =>
    CADDY_SAFE_KEY.test(storageKey) ? joinUriPrefix(internalPrefix, storageKey) : null,
  // file_server's calculateEtag: "<mtime seconds base 36><size base 36>".
  etagFor: ({ size, mtime }) => `"${Math.floor(mtime.getTime() / 1000).toString(36)}${size.toString(36)}"`,
};
