import { describeDownloadsThrough } from "./download-suite";
import { stampedCopiesAreOffloaded } from "./stamped-offload";
import { staticAssetsAreSentGzipped } from "./static-gzip";

// X-Accel-Redirect to the internal location; nginx sends its own ETag and Last-Modified.
describeDownloadsThrough(
  "nginx",
  {
    offload: { status: 204, header: "x-accel-redirect" },
    etag: true,
    offloadsAwkwardNames: true,
  },
  (stack) => {
    stampedCopiesAreOffloaded(stack, "x-accel-redirect");
    staticAssetsAreSentGzipped(stack);
  },
);
