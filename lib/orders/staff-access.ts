import "server-only";
import { discardRevokedCopiesSoon } from "@/lib/stamping/cleanup";
import type { Prisma } from "@prisma/client";
import { ConflictError } from "@/lib/errors";
import { isOwned } from "./policy";
import {
  changeGrants,
  grantsOf,
  plural,
  type GrantTarget,
  type StaffActionResult,
  type StaffActor,
} from "./staff-grant-change";

export const STAFF_REVOKED_REASON = "Revoked by staff";

/** Revokes access to one grant or to every grant of the order. Grants already revoked keep their reason. */
export async function revokeAccess(
  target: GrantTarget,
  actor: StaffActor,
  requestKey: string,
): Promise<StaffActionResult> {
  const result = await changeGrants(target, actor, requestKey, {
    action: "grant.revoke",
    pending: { revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: STAFF_REVOKED_REASON },
    describe: () => ({}),
    unchanged: "Access was already revoked: nothing changed.",
    done: (count) => `Revoked access to ${plural(count, "file")}.`,
  });
  // The buyers' stamped copies of what was revoked go too (lib/stamping).
  discardRevokedCopiesSoon();
  return result;
}

/** Revoked by a refund or a lost dispute rather than by staff: restoring it gives away what was paid back. */
const revokedByStaffOnly: Prisma.DownloadGrantWhereInput = {
  revokedReason: STAFF_REVOKED_REASON,
  orderItem: { refundedAt: null },
};

/**
 * Restores access revoked by staff. Access revoked by a refund or dispute is restored only when
 * `includeRefunded` says staff confirmed it; otherwise the answer names the reason. An order that is
 * refunded (or not paid) stays closed whatever its grants say, so restoring there is refused.
 */
export function restoreAccess(
  target: GrantTarget,
  actor: StaffActor,
  requestKey: string,
  includeRefunded: boolean,
): Promise<StaffActionResult> {
  return changeGrants(target, actor, requestKey, {
    action: "grant.restore",
    pending: { AND: [{ revokedAt: { not: null } }, includeRefunded ? {} : revokedByStaffOnly] },
    data: { revokedAt: null, revokedReason: null },
    describe: (grant) => ({ revokedReason: grant.revokedReason }),
    extraDetails: { includeRefunded },
    check: (order) => {
      if (!isOwned(order.status)) {
        const status = order.status.toLowerCase().replace("_", " ");
        throw new ConflictError(`This order is ${status}: its files cannot be downloaded whatever the grants say.`);
      }
    },
    unchanged: includeRefunded ? NOT_REVOKED : (tx) => whyNotRestored(tx, target),
    done: (count) => `Restored access to ${plural(count, "file")}.`,
  });
}

const NOT_REVOKED = "Access was not revoked: nothing changed.";

/** Nothing revoked by staff: names the refund or dispute that revoked the rest, if any. */
async function whyNotRestored(tx: Prisma.TransactionClient, target: GrantTarget): Promise<string> {
  const heldBack = await tx.downloadGrant.findMany({
    where: { AND: [grantsOf(target), { revokedAt: { not: null } }, { NOT: revokedByStaffOnly }] },
    select: { revokedReason: true },
  });
  if (heldBack.length === 0) return NOT_REVOKED;
  const reasons = [...new Set(heldBack.map((grant) => grant.revokedReason ?? "Item refunded"))].join(", ");
  return (
    `Not restored: access was revoked because of a refund or dispute (${reasons}). ` +
    "Confirm restoring it anyway to give access back."
  );
}
