import { isRangeFromStart } from "@/lib/sendfile";

const OFFLOAD_HEADERS = ["x-accel-redirect", "x-sendfile"];

/**
 * Whether an allowed request uses up a download. A GET without Range, or with a range from byte 0,
 * does; HEAD and a resumed range do not. When the app streams the file itself the answer is exact: a
 * 200 (whole file, e.g. after a failed If-Range) counts, a 206 from past byte 0 does not. Behind a web
 * server the app cannot see the server's If-Range decision, so a resume carrying If-Range counts unless
 * it is a date the file has not changed since (the validator every server derives from mtime).
 */
export async function countsAsDownload(request: Request, response: Response, fileMtime: () => Promise<Date>): Promise<boolean> {
  if (request.method !== "GET") return false;
  const offloaded = OFFLOAD_HEADERS.some((name) => response.headers.has(name));
  if (!offloaded) {
    if (response.status === 200) return true;
    if (response.status !== 206) return false;
    return /^bytes 0+-/.test(response.headers.get("content-range") ?? "");
  }
  if (isRangeFromStart(request)) return true;
  const ifRange = request.headers.get("if-range");
  if (ifRange === null) return false;
  const date = Date.parse(ifRange);
  return Number.isNaN(date) || date < Math.floor((await fileMtime()).getTime() / 1000) * 1000;
}
