import type { AuditAction } from "@/lib/admin/audit-actions";

/**
 * Idempotency keys, one builder per use. The namespace keeps two uses from ever sharing a key; each part
 * is encoded so an id containing ":" cannot forge another use's key.
 */
const key = (namespace: string, ...parts: string[]) =>
  [namespace, ...parts.map((part) => encodeURIComponent(part))].join(":");

/** A staff "resend receipt" form: one per page view, so a double submit sends one mail. */
export const resendReceiptKey = (orderId: string, requestKey: string) =>
  key("order.resend_receipt", orderId, requestKey);

/** A staff "stop shared links" form: one per page view, so a double submit raises the generation once. */
export const stopSharedLinksKey = (grantId: string, requestKey: string) =>
  key("grant.stop_shared_links", grantId, requestKey);

/**
 * A staff change to grants (revoke, restore, reset the count, extend the expiry) from one form, namespaced
 * by its audit action: one per page view, so a double submit changes and audits once. `grantId` is
 * absent when the form acts on every grant of the order.
 */
export const grantChangeKey = (
  action: AuditAction,
  target: { orderId: string; grantId?: string },
  requestKey: string,
) => key(action, target.orderId, target.grantId ?? "", requestKey);

/** A Stripe refund made by staff: audited once however many submits got the same refund back. */
export const staffRefundKey = (orderId: string, refundId: string) => key("order.refund", orderId, refundId);

/** Money arrived that does not match the order: staff are told once per order. */
export const paymentMismatchKey = (orderId: string) => key("order.payment_mismatch", orderId);
