import { parseResumeRange } from "@/lib/sendfile/resume-range";

/** "counts": uses up a download; "resume": may be free (see resumeIsFree); "no-body": HEAD (or a 405). */
export type DownloadRequestKind = "counts" | "resume" | "no-body";

export interface DownloadRequestHeaders {
  method: string;
  range: string | null;
  ifRange: string | null;
}

/**
 * The counting rule (docs/downloads.md): a GET uses up a download unless the app is certain the client
 * gets a partial answer that does not start at byte 0. That certainty needs a single range in the
 * exact form `bytes=N-` or `bytes=N-M` with N > 0, and no If-Range or one equal, byte for byte, to a
 * validator the answering server compares (`ifRangeValidators`). Anything else may reach a server
 * that ignores the Range and sends the whole file, so it counts.
 */
export function classifyDownloadRequest(
  request: DownloadRequestHeaders,
  ifRangeValidators: readonly string[],
): DownloadRequestKind {
  if (request.method !== "GET") return "no-body";
  if (parseResumeRange(request.range) === null) return "counts";
  if (request.ifRange === null) return "resume";
  return ifRangeValidators.includes(request.ifRange) ? "resume" : "counts";
}

const OFFLOAD_HEADERS = ["x-accel-redirect", "x-sendfile"];

/**
 * Whether an answer the app built itself sends byte 0 (a 200 with the file, or a 206 from the start).
 * The app's own streaming must never let such an answer go uncounted, whatever the headers said.
 */
export function appAnswerSendsByteZero(response: Response): boolean {
  if (OFFLOAD_HEADERS.some((name) => response.headers.has(name))) return false;
  if (response.status === 200) return response.body !== null;
  return response.status === 206 && /^bytes 0-/.test(response.headers.get("content-range") ?? "");
}
