import "server-only";
import type Stripe from "stripe";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/admin/audit";
import { fulfilOrder } from "@/lib/orders/fulfil-order";
import { sendReceipt } from "@/lib/orders/send-receipt";
import { stripe } from "./stripe-client";
import { stripeId } from "./stripe-id";

export type SessionOutcome = "paid" | "processing" | "failed" | "unknown";

/**
 * The one fulfilment path, for the webhook and the success page alike. It re-fetches the session from
 * Stripe (never trusts the event's copy or arrival order) and, when paid, moves the order to PAID with
 * a single conditional update: only the caller that wins that update sends the receipt, and grants are
 * created under their unique constraint, so racing callers and duplicate events fulfil exactly once.
 */
export async function syncCheckoutSession(sessionId: string): Promise<{ outcome: SessionOutcome; orderId: string | null }> {
  const session = await stripe().checkout.sessions.retrieve(sessionId);
  const prisma = await db();
  const orderId = session.metadata?.orderId ?? session.client_reference_id;
  const order = orderId ? await prisma.order.findUnique({ where: { id: orderId } }) : null;
  if (!order || (order.stripeCheckoutSessionId && order.stripeCheckoutSessionId !== session.id)) return { outcome: "unknown", orderId: null };

  if (session.payment_status === "paid" || session.payment_status === "no_payment_required") {
    await markPaid(order.id, session);
    return { outcome: "paid", orderId: order.id };
  }
  if (session.status === "expired") {
    const canceled = await prisma.order.updateMany({ where: { id: order.id, status: "PENDING" }, data: { status: "CANCELED" } });
    if (canceled.count > 0) await recordAudit(prisma, { actorId: null, action: "order.canceled", targetType: "Order", targetId: order.id, details: { sessionId: session.id } });
    return { outcome: "failed", orderId: order.id };
  }
  const current = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, select: { status: true } });
  return { outcome: current.status === "FAILED" ? "failed" : "processing", orderId: order.id };
}

async function markPaid(orderId: string, session: Stripe.Checkout.Session) {
  const prisma = await db();
  const email = (session.customer_details?.email ?? session.customer_email ?? "").toLowerCase();
  const existing = await prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { userId: true, email: true } });
  // A guest who paid with the email of an existing account sees the purchase in that account's library.
  const owner = existing.userId ?? (email ? (await prisma.user.findUnique({ where: { email }, select: { id: true } }))?.id : null) ?? null;
  const won = await prisma.order.updateMany({
    where: { id: orderId, status: { in: ["PENDING", "FAILED"] } },
    data: {
      status: "PAID",
      paidAt: new Date(),
      email: email || existing.email,
      userId: owner,
      stripePaymentIntentId: stripeId(session.payment_intent),
    },
  });
  if (won.count === 1) {
    await recordAudit(prisma, { actorId: null, action: "order.paid", targetType: "Order", targetId: orderId, details: { sessionId: session.id, paymentIntentId: stripeId(session.payment_intent), amountCents: session.amount_total } });
  }
  await fulfilOrder(orderId);
  if (won.count === 1) await sendReceipt(orderId);
}

/** checkout.session.async_payment_failed: the order failed (re-checked against Stripe first). */
export async function failCheckoutSession(sessionId: string): Promise<void> {
  const session = await stripe().checkout.sessions.retrieve(sessionId);
  if (session.payment_status === "paid") return void (await syncCheckoutSession(sessionId));
  const orderId = session.metadata?.orderId ?? session.client_reference_id;
  if (!orderId) return;
  const prisma = await db();
  const failed = await prisma.order.updateMany({ where: { id: orderId, status: "PENDING" }, data: { status: "FAILED" } });
  if (failed.count > 0) await recordAudit(prisma, { actorId: null, action: "order.failed", targetType: "Order", targetId: orderId, details: { sessionId: session.id } });
}
