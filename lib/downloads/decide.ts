import type { GrantRecord } from "./grant-record";

export type Denial = "REVOKED" | "SUSPENDED" | "EXPIRED" | "EXHAUSTED";

/** Orders whose grants may be used. A dispute suspends access; a refund revokes the grants themselves. */
const USABLE_ORDER_STATUSES = new Set(["PAID", "PARTIALLY_REFUNDED"]);

/**
 * Why the owner of a grant may not download now, or null when they may. `counts` says whether this
 * request would use up a download: a resumed transfer of the last allowed download is still served.
 */
export type GrantState = Pick<GrantRecord, "revokedAt" | "orderStatus" | "expiresAt" | "downloadLimit" | "downloadsUsed">;

export function denialFor(grant: GrantState, counts: boolean, now: Date): Denial | null {
  if (grant.revokedAt) return "REVOKED";
  if (grant.orderStatus === "DISPUTED") return "SUSPENDED";
  if (!USABLE_ORDER_STATUSES.has(grant.orderStatus)) return "REVOKED";
  if (grant.expiresAt && grant.expiresAt.getTime() <= now.getTime()) return "EXPIRED";
  if (counts && grant.downloadLimit !== null && grant.downloadsUsed >= grant.downloadLimit) return "EXHAUSTED";
  return null;
}
