/**
 * Every action the audit log records, with the label staff read for it. The union below is built from
 * this table, so `recordAudit` cannot write an action that has no label.
 */
export const AUDIT_ACTIONS = {
  "order.paid": "Paid",
  "order.failed": "Payment failed",
  "order.canceled": "Checkout expired: order canceled",
  "order.payment_mismatch": "Payment held: the amount or currency paid does not match the order",
  "order.refund": "Refund issued through Stripe",
  "order.refunded": "Refund applied",
  "order.disputed": "Payment disputed: downloads paused",
  "order.dispute_won": "Dispute won: downloads resumed",
  "order.dispute_closed": "Dispute closed: downloads resumed",
  "order.dispute_lost": "Dispute lost: access revoked",
  "order.resend_receipt": "Receipt resent",
  "grant.revoke": "Access revoked",
  "grant.restore": "Access restored",
  "grant.reset_downloads": "Download count reset",
  "grant.extend_expiry": "Access extended",
  "grant.stop_shared_links": "Shared links stopped",
  "book.create": "Book created",
  "book.update": "Book edited",
  "book.publish": "Book published",
  "book.unpublish": "Book unpublished",
  "book.cover": "Cover changed",
  "book.sample": "Free sample changed",
  "book.categories": "Shelves changed",
  "category.create": "Shelf created",
  "category.rename": "Shelf renamed",
  "category.delete": "Shelf deleted",
  "file.upload": "File uploaded",
  "file.new_version": "New version of a file uploaded",
  "file.granted_to_past_buyers": "New version given to past buyers",
  "file.reactivate": "File on sale again",
  "file.deactivate": "File deactivated",
  "file.changelog": "Changelog of a version edited",
  "file.notify_owners": "Owners mailed about a new version",
  "user.role": "Role changed",
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export function auditActionLabel(action: AuditAction): string {
  return AUDIT_ACTIONS[action];
}

/** A stored action string read back: null for values this version does not know (older or removed ones). */
export function parseAuditAction(value: string): AuditAction | null {
  return Object.hasOwn(AUDIT_ACTIONS, value) ? (value as AuditAction) : null;
}
