import { randomUUID } from "node:crypto";
import type { StaffOrderDetail } from "@/lib/orders/order-detail";
import {
  extendExpiryAction,
  resendReceiptAction,
  resetDownloadsAction,
  restoreAccessAction,
  revokeAccessAction,
} from "../actions";
import { formatDay } from "../format";
import { ConfirmAction } from "./confirm-action";

const DAY_MS = 86_400_000;

/** Actions on every grant of the order at once, and the receipt. */
export function OrderActions({
  detail,
  canRestore,
  now,
}: {
  detail: StaffOrderDetail;
  canRestore: boolean;
  now: Date;
}) {
  const { order, grants } = detail;
  // One request key per form and page view: a double submit or a replayed form acts once.
  const fields = () => ({ orderId: order.id, requestKey: randomUUID() });
  const active = grants.filter((grant) => grant.revokedAt === null).length;
  const revoked = grants.filter((grant) => grant.revokedAt !== null);
  const refundRevoked = revoked.filter((grant) => grant.revokedByRefund);
  const used = grants.filter((grant) => grant.downloadsUsed > 0).length;
  const expiring = grants.filter((grant) => grant.expiresAt !== null);
  const latestExpiry = Math.max(now.getTime(), ...expiring.map((grant) => grant.expiresAt?.getTime() ?? 0));
  const refundRevokedFiles = `${refundRevoked.length} file${refundRevoked.length === 1 ? "" : "s"}`;
  const reasons = [...new Set(refundRevoked.map((grant) => grant.revokedReason ?? "refund"))].join(", ");

  return (
    <section aria-labelledby="order-actions-heading" className="rounded-lg border border-stone-200 bg-white p-4">
      <h2 id="order-actions-heading" className="font-serif text-xl font-semibold">
        Whole order
      </h2>
      <div className="mt-3 flex flex-wrap gap-2">
        {active > 0 && (
          <ConfirmAction
            action={revokeAccessAction}
            fields={fields()}
            label="Revoke all access"
            danger
            title="Revoke access to every file of this order?"
            description={
              <p>
                {active} file{active === 1 ? "" : "s"} stop working for the buyer. Nothing is refunded.
              </p>
            }
            confirmLabel="Revoke all"
          />
        )}
        {revoked.length > 0 && canRestore && (
          <ConfirmAction
            action={restoreAccessAction}
            fields={fields()}
            label="Restore access"
            title="Restore access to this order's files?"
            description={
              <p>
                Access revoked by staff comes back. Access revoked by a refund or dispute stays revoked unless you tick
                the box.
              </p>
            }
            confirmLabel="Restore"
          >
            {refundRevoked.length > 0 && (
              <label className="flex items-start gap-2 rounded-md bg-amber-50 p-3 text-sm text-amber-950">
                <input type="checkbox" name="includeRefunded" className="mt-1 size-4" />
                <span>
                  Also restore {refundRevokedFiles} revoked because of: {reasons}. The buyer got that money back.
                </span>
              </label>
            )}
          </ConfirmAction>
        )}
        {used > 0 && (
          <ConfirmAction
            action={resetDownloadsAction}
            fields={fields()}
            label="Reset download counts"
            title="Reset every download count of this order?"
            description={
              <p>
                {used} file{used === 1 ? "" : "s"} with downloads used go back to 0.
              </p>
            }
            confirmLabel="Reset counts"
          />
        )}
        {expiring.length > 0 && (
          <ConfirmAction
            action={extendExpiryAction}
            fields={fields()}
            label="Extend expiry"
            title="Extend access to this order's files?"
            description={<p>Files that end earlier than the chosen day are extended to it; none is shortened.</p>}
            confirmLabel="Extend"
          >
            <label className="block text-sm">
              <span className="label">Access until</span>
              <input
                type="date"
                name="until"
                required
                min={formatDay(now)}
                defaultValue={formatDay(new Date(latestExpiry + 30 * DAY_MS))}
                className="field"
              />
            </label>
          </ConfirmAction>
        )}
        {canRestore && order.email && (
          <ConfirmAction
            action={resendReceiptAction}
            fields={fields()}
            label="Resend receipt"
            title="Resend the receipt?"
            description={<p>{order.email} gets the receipt again with fresh download links valid for 7 days.</p>}
            confirmLabel="Send"
          />
        )}
      </div>
    </section>
  );
}
