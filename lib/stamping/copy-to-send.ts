import "server-only";
import type { GrantRecord } from "@/lib/downloads/grant-record";
import { canStamp } from "./stamp";
import { awaitStampedCopy, type CopyOutcome } from "./stamped-copies";

// How long a download waits for a copy being made before it asks the buyer to retry: a 300-page PDF
// takes about a second (docs/benchmarks.md), so most first downloads get their copy in this request.
const WAIT_FOR_COPY_MS = 8_000;

/**
 * Which file a download sends, from the grant's joined read: the original unless the book stamps copies.
 * A ready copy of the current source costs nothing more; a missing or outdated one is made (or awaited).
 */
export async function copyToSend(grant: GrantRecord): Promise<CopyOutcome> {
  if (!grant.stampCopies || !canStamp(grant.contentType)) return { send: "original" };
  if (grant.stampSourceSha256 === grant.fileSha256) {
    if (grant.stampStatus === "READY" && grant.stampStorageKey)
      return { send: "copy", storageKey: grant.stampStorageKey };
    if (grant.stampStatus === "FAILED") return { send: "original" };
  }
  return awaitStampedCopy(grant.grantId, WAIT_FOR_COPY_MS);
}
