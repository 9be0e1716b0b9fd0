import "server-only";
import type { GrantRecord } from "@/lib/downloads/grant-record";
import { copyState } from "./copy-state";
import { awaitStampedCopy, type CopyOutcome } from "./stamped-copies";

// How long a download waits for a copy being made before it asks the buyer to retry: a 300-page PDF
// takes about 0.2 s (docs/benchmarks.md), so most first downloads get their copy in this request.
const WAIT_FOR_COPY_MS = 8_000;

/**
 * Which file a download sends, from the grant's joined read: the original unless the book stamps copies.
 * A ready copy of the current source costs nothing more; a missing or outdated one is made (or awaited).
 * The same rule as the library's "preparing / ready" (copyState), so the two never disagree.
 */
export async function copyToSend(grant: GrantRecord): Promise<CopyOutcome> {
  const copy =
    grant.stampStatus === null ? null : { status: grant.stampStatus, sourceSha256: grant.stampSourceSha256 ?? "" };
  const state = copyState(grant.stampCopies, { contentType: grant.contentType, sha256: grant.fileSha256 }, copy);
  if (state === "none" || state === "original") return { send: "original" };
  if (state === "ready" && grant.stampStorageKey) return { send: "copy", storageKey: grant.stampStorageKey };
  return awaitStampedCopy(grant.grantId, WAIT_FOR_COPY_MS);
}
