/**
 * The order lifecycle's rules in one place: which statuses exist, and what each allows (download, count
 * as revenue, be refunded, receive new versions, count as owned). Code that needs one of these asks a
 * predicate here, and a Prisma `where` takes its list from `statusesWhere(predicate)`, so a query can
 * never disagree with the check made in memory. Pure: no database, no server-only import (pages and
 * client components may ask it too).
 */

/** Every status the app writes (the `OrderStatus` enum of prisma/schema.prisma; policy.test.ts checks both agree). */
export const ORDER_STATUSES = [
  "PENDING",
  "PAID",
  "PARTIALLY_REFUNDED",
  "REFUNDED",
  "DISPUTED",
  "CANCELED",
  "FAILED",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * Where a status stands in the lifecycle; every rule below is phrased on it. A Record, so a new status
 * does not compile until someone decides where it stands.
 * - unpaid: never paid (checkout open, declined, or expired)
 * - paid: paid and access open (partly refunded included: the items not refunded stay the buyer's)
 * - disputed: paid, the buyer disputes the charge; access paused until it closes
 * - refunded: fully refunded, or the dispute was lost
 */
type Phase = "unpaid" | "paid" | "disputed" | "refunded";
const PHASE: Record<OrderStatus, Phase> = {
  PENDING: "unpaid",
  FAILED: "unpaid",
  CANCELED: "unpaid",
  PAID: "paid",
  PARTIALLY_REFUNDED: "paid",
  DISPUTED: "disputed",
  REFUNDED: "refunded",
};

const KNOWN: ReadonlySet<string> = new Set(ORDER_STATUSES);

export function isOrderStatus(value: string): value is OrderStatus {
  return KNOWN.has(value);
}

/** For values read as plain text (raw SQL): an unknown status is a bug or a bad row, never "no access". */
export function parseOrderStatus(value: string): OrderStatus {
  if (!isOrderStatus(value)) throw new Error(`Unknown order status: ${JSON.stringify(value)}`);
  return value;
}

export type StatusRule = (status: OrderStatus) => boolean;

/** The grants of the order may be used (each grant's own revocation, expiry and limit still apply). */
export const mayDownload: StatusRule = (status) => PHASE[status] === "paid";

/** The buyer disputes the charge and the dispute is open: Stripe refuses refunds until it closes. */
export const underDispute: StatusRule = (status) => PHASE[status] === "disputed";

/** Downloads are paused, not withdrawn: a dispute is open and may still end in the buyer's favour. */
export const accessSuspended: StatusRule = (status) => underDispute(status);

/** The buyer owns the order's unrefunded items: they may not buy them again, staff may restore or resend. */
export const isOwned: StatusRule = (status) => mayDownload(status) || accessSuspended(status);

/** Files added to a book later (new versions, formats) are given to this order's unrefunded items. */
export const receivesNewVersions: StatusRule = (status) => PHASE[status] === "paid";

/** Money was taken at some point: the purchase shows in the buyer's library and history. */
export const wasPaid: StatusRule = (status) => PHASE[status] !== "unpaid";

/** Everything was given back (refunded in full, or the dispute was lost): nothing is left to refund. */
export const fullyRefunded: StatusRule = (status) => PHASE[status] === "refunded";

/**
 * A paid checkout session may still move the order to PAID: the checkout is open, or its delayed payment
 * failed (Stripe is asked again, and a session it reports paid wins). An expired checkout stays closed.
 */
export const mayBecomePaid: StatusRule = (status) => status === "PENDING" || status === "FAILED";

/** The order's payment day counts on the dashboard, net of what was refunded. */
export const countsAsRevenue: StatusRule = (status) => wasPaid(status);

export interface RefundableOrder {
  status: OrderStatus;
  stripePaymentIntentId: string | null;
  totalCents: number;
  refundedCents: number;
}

/**
 * Staff may refund (part of) it through Stripe: paid with a PaymentIntent, not under dispute (Stripe
 * refuses refunds until the dispute closes), and something left to give back.
 */
export function isRefundable<T extends RefundableOrder>(order: T): order is T & { stripePaymentIntentId: string } {
  return (
    PHASE[order.status] === "paid" && order.stripePaymentIntentId !== null && order.refundedCents < order.totalCents
  );
}

/** The statuses a rule accepts, as a Prisma filter: `where: { status: statusesWhere(mayDownload) }`. */
export function statusesWhere(rule: StatusRule): { in: OrderStatus[] } {
  return { in: ORDER_STATUSES.filter(rule) };
}
