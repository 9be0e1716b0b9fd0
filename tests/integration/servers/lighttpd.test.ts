import { describeDownloadsThrough } from "./download-suite";

// X-Sendfile (percent-encoded path) confined by x-sendfile-docroot.
describeDownloadsThrough("lighttpd", {
  offload: { status: 200, header: "x-sendfile" },
  etag: true,
  offloadsAwkwardNames: true,
});
