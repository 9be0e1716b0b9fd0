/**
 * Next.js removes Content-Length from route handler responses; scripts/server-preload.cjs restores it
 * from this internal header (which never reaches the client). Without it a download has no size.
 */
export function keepContentLength(response: Response): Response {
  const length = response.headers.get("content-length");
  if (length !== null) response.headers.set("x-bindery-content-length", length);
  return response;
}
