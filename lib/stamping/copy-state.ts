import { canStamp } from "./stamp";

/** What a buyer's library says of one file: "none" (not stamped), or how their stamped copy stands. */
export type CopyState = "none" | "preparing" | "ready" | "original";

/** From the book's option, the file, and the grant's StampedCopy row (status and the source it was made from). */
export function copyState(
  stampCopies: boolean,
  file: { contentType: string; sha256: string },
  copy: { status: string; sourceSha256: string } | null,
): CopyState {
  if (!stampCopies || !canStamp(file.contentType)) return "none";
  if (!copy || copy.sourceSha256 !== file.sha256 || copy.status === "PREPARING") return "preparing";
  return copy.status === "READY" ? "ready" : "original";
}
