import type { Order } from "@prisma/client";

/**
 * Why a paid session cannot settle the order, or null when it can: Stripe must have collected exactly
 * the order's total in the order's currency. Anything else (a session altered on the way, a price
 * changed between order and session) is for staff to look at, never a reason to hand out books.
 */
export function paymentMismatch(
  order: Pick<Order, "totalCents" | "currency">,
  session: { amount_total: number | null; currency: string | null },
): string | null {
  if (session.amount_total !== order.totalCents)
    return `amount_total ${session.amount_total ?? "missing"} ≠ order total ${order.totalCents}`;
  if ((session.currency ?? "").toLowerCase() !== order.currency.toLowerCase())
    return `currency ${session.currency ?? "missing"} ≠ order currency ${order.currency}`;
  return null;
}
