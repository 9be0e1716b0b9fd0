import "server-only";
import type { Order } from "@prisma/client";
import { db } from "@/lib/db/client";
import { stripe } from "./stripe-client";
import { syncCheckoutSession } from "./sync-session";

/**
 * A refund or dispute about a payment the store has not recorded yet: its checkout event is late, or
 * was lost. Thrown so the webhook answers 5xx and is not marked processed: Stripe sends it again.
 */
export class PaymentNotYetKnownError extends Error {
  constructor(readonly paymentIntentId: string) {
    super(`No paid order for payment ${paymentIntentId} yet`);
    this.name = "PaymentNotYetKnownError";
  }
}

/**
 * The order a PaymentIntent paid for. When refund or dispute events overtake the checkout event, the
 * order is still PENDING with no payment recorded: it is then settled first through the Checkout
 * Session that created the payment (the same path as the checkout event, exact session id and
 * amount checks included), so the refund or dispute is never dropped.
 * Returns null for a payment that no Checkout Session of this store made (nothing to do); throws
 * PaymentNotYetKnownError when the session is ours but the order could not be settled yet.
 */
export async function orderForPaymentIntent(paymentIntentId: string): Promise<Order | null> {
  const prisma = await db();
  const known = await prisma.order.findUnique({ where: { stripePaymentIntentId: paymentIntentId } });
  if (known) return known;

  const sessions = await stripe().checkout.sessions.list({ payment_intent: paymentIntentId, limit: 1 });
  const session = sessions.data[0];
  if (!session) return null;
  const synced = await syncCheckoutSession(session.id);
  // Not ours, or paid with the wrong amount (left for staff, recorded): there is nothing to revoke.
  if (!synced.orderId || synced.outcome === "held") return null;
  const settled = await prisma.order.findUnique({ where: { stripePaymentIntentId: paymentIntentId } });
  if (!settled) throw new PaymentNotYetKnownError(paymentIntentId);
  return settled;
}
