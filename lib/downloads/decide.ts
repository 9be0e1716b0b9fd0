import { accessSuspended, mayDownload } from "@/lib/orders/policy";
import type { GrantRecord } from "./grant-record";
import type { Denial } from "./outcomes";

export type { Denial } from "./outcomes";

export type GrantState = Pick<
  GrantRecord,
  "revokedAt" | "orderStatus" | "expiresAt" | "downloadLimit" | "downloadsUsed"
>;

/**
 * Why the owner of a grant may not download now, or null when they may. Every request is checked
 * against every rule, whether it would use up a download or not (a free resume, a HEAD): a request
 * that does not count must never reach a file the grant no longer gives.
 */
export function denialFor(grant: GrantState, now: Date): Denial | null {
  if (grant.revokedAt) return "REVOKED";
  // A dispute pauses access; any other order the policy closes (refunded, unpaid) has lost it.
  if (accessSuspended(grant.orderStatus)) return "SUSPENDED";
  if (!mayDownload(grant.orderStatus)) return "REVOKED";
  if (grant.expiresAt && grant.expiresAt.getTime() <= now.getTime()) return "EXPIRED";
  if (grant.downloadLimit !== null && grant.downloadsUsed >= grant.downloadLimit) return "EXHAUSTED";
  return null;
}

/**
 * Whether a resume is served without using a download: only within `graceHours` after a counted
 * download of the same grant (0 turns free resumes off). Past that, a resume is a new download.
 */
export function resumeIsFree(lastCountedAt: Date | null, now: Date, graceHours: number): boolean {
  if (graceHours <= 0 || lastCountedAt === null) return false;
  const age = now.getTime() - lastCountedAt.getTime();
  return age >= 0 && age <= graceHours * 3_600_000;
}
