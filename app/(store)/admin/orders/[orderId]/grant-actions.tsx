import { randomUUID } from "node:crypto";
import type { StaffGrantView } from "@/lib/orders/order-detail";
import {
  extendExpiryAction,
  resetDownloadsAction,
  restoreAccessAction,
  revokeAccessAction,
  stopSharedLinksAction,
} from "../actions";
import { formatDay } from "../format";
import { ConfirmAction } from "./confirm-action";

const DAY_MS = 86_400_000;

/**
 * Revoke or restore, reset the count, extend the expiry, stop the links given out: for one grant, each
 * behind a confirmation.
 */
export function GrantActions({
  orderId,
  grant,
  canRestore,
  now,
}: {
  orderId: string;
  grant: StaffGrantView;
  canRestore: boolean;
  now: Date;
}) {
  // One request key per form and page view: a double submit or a replayed form acts once.
  const fields = () => ({ orderId, grantId: grant.id, requestKey: randomUUID() });
  const suggested = formatDay(new Date(Math.max(grant.expiresAt?.getTime() ?? 0, now.getTime()) + 30 * DAY_MS));
  return (
    <div className="flex flex-wrap gap-2">
      {grant.revokedAt === null ? (
        <ConfirmAction
          small
          action={revokeAccessAction}
          fields={fields()}
          label="Revoke"
          title={`Revoke access to ${grant.file}?`}
          description={
            <p>
              The buyer can no longer download this file (their links answer “access withdrawn”). You can restore it
              later.
            </p>
          }
          confirmLabel="Revoke access"
          danger
        />
      ) : canRestore ? (
        <ConfirmAction
          small
          action={restoreAccessAction}
          fields={fields()}
          label="Restore"
          title={`Restore access to ${grant.file}?`}
          description={
            <p>
              Access was revoked: <strong>{grant.revokedReason ?? "no reason recorded"}</strong>.
            </p>
          }
          confirmLabel="Restore access"
        >
          {grant.revokedByRefund && (
            <label className="flex items-start gap-2 rounded-md bg-amber-50 p-3 text-sm text-amber-950">
              <input type="checkbox" name="includeRefunded" required className="mt-1 size-4" />
              <span>
                This access was revoked by a refund or dispute, and the buyer got their money back. Give access back
                anyway.
              </span>
            </label>
          )}
        </ConfirmAction>
      ) : null}
      {grant.downloadsUsed > 0 && (
        <ConfirmAction
          small
          action={resetDownloadsAction}
          fields={fields()}
          label="Reset count"
          title={`Reset the download count of ${grant.file}?`}
          description={
            <p>
              {grant.downloadsUsed} download{grant.downloadsUsed === 1 ? "" : "s"} used so far; the count goes back to
              0.
            </p>
          }
          confirmLabel="Reset to 0"
        />
      )}
      {grant.revokedAt === null && (
        <ConfirmAction
          small
          action={stopSharedLinksAction}
          fields={fields()}
          label="Stop shared links"
          title={`Stop the links given out for ${grant.file}?`}
          description={
            <p>
              Every download link made so far (in receipts, copied from the library) stops working. The buyer can still
              download from their library, and links made from now on work: resend the receipt to mail them new ones.
            </p>
          }
          confirmLabel="Stop links"
          danger={grant.networks.flagged}
        />
      )}
      {grant.expiresAt && (
        <ConfirmAction
          small
          action={extendExpiryAction}
          fields={fields()}
          label="Extend"
          title={`Extend access to ${grant.file}?`}
          description={<p>Access ends {formatDay(grant.expiresAt)}. Choose the last day it should work (UTC).</p>}
          confirmLabel="Extend access"
        >
          <label className="block text-sm">
            <span className="label">Access until</span>
            <input type="date" name="until" required min={formatDay(now)} defaultValue={suggested} className="field" />
          </label>
        </ConfirmAction>
      )}
    </div>
  );
}
