/** Every status a Stripe dispute can have (inquiries are the `warning_*` ones). */
export const DISPUTE_STATUSES = [
  "warning_needs_response",
  "warning_under_review",
  "warning_closed",
  "needs_response",
  "under_review",
  "won",
  "lost",
  "prevented",
] as const;

export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/**
 * What a dispute in this status does to the order's downloads. An open dispute or inquiry pauses them;
 * one that ended without the money leaving for good (won, an inquiry closed without a chargeback, a
 * dispute prevented) gives them back; a lost one takes them away for good. An unknown future status
 * pauses: safer to ask staff than to hand out books.
 */
export function disputeEffect(status: string): "suspend" | "restore" | "revoke" {
  switch (status) {
    case "won":
    case "warning_closed":
    case "prevented":
      return "restore";
    case "lost":
      return "revoke";
    default:
      return "suspend";
  }
}
