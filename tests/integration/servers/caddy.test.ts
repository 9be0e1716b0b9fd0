import { describeDownloadsThrough } from "./download-suite";
import { staticAssetsAreSentGzipped } from "./static-gzip";

// X-Accel-Redirect through handle_response; keys outside A-Za-z0-9-._~/ are streamed by the app,
// because Caddy 2.6's rewrite takes the header verbatim (lib/sendfile/backends/caddy.ts).
describeDownloadsThrough(
  "caddy",
  {
    offload: { status: 204, header: "x-accel-redirect" },
    etag: true,
    offloadsAwkwardNames: false,
  },
  (stack) => {
    staticAssetsAreSentGzipped(stack);
  },
);
