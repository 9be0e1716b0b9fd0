import { percentEncodePath } from "../percent-encode";
import type { OffloadBackend } from "../types";

// lighttpd 1.4.69 percent-decodes X-Sendfile once before opening the path.
export const lighttpdBackend: OffloadBackend = {
  headerName: "X-Sendfile",
  // lighttpd acts on X-Sendfile only in a 200.
  status: 200,
  headerValue: ({ absolutePath }) => percentEncodePath(absolutePath),
  // lighttpd hashes inode, size and mtime into its ETag: not something the app reproduces safely.
  etagFor: () => null,
};
