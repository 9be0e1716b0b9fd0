import "server-only";
import type Stripe from "stripe";
import type { Order } from "@prisma/client";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/admin/audit";
import { claimOnce, completeKey } from "@/lib/idempotency/store";
import { paymentMismatchKey } from "@/lib/idempotency/keys";
import { fulfilOrderIn } from "@/lib/orders/fulfil-order";
import { mayBecomePaid, statusesWhere } from "@/lib/orders/policy";
import { prepareStampedCopies } from "@/lib/stamping/stamped-copies";
import { enqueueReceipt } from "@/lib/orders/send-receipt";
import { deliverOutboxMail } from "@/lib/mail/outbox-sender";
import { paymentMismatch } from "./payment-mismatch";
import { stripe } from "./stripe-client";
import { stripeId } from "./stripe-id";

/** "held": paid, but not the order's amount or currency (see payment-mismatch.ts); the order stays unpaid. */
export type SessionOutcome = "paid" | "processing" | "held" | "failed" | "unknown";

/**
 * The order a Checkout Session pays for: the one that recorded this exact session id when the session
 * was created (checkout.ts). Never found through client_reference_id or metadata, which anyone who can
 * create a session on the account could point at someone else's order.
 */
async function orderForSession(sessionId: string): Promise<Order | null> {
  const prisma = await db();
  return prisma.order.findUnique({ where: { stripeCheckoutSessionId: sessionId } });
}

/**
 * The one fulfilment path, for the webhook and the success page alike. It re-fetches the session from
 * Stripe (never trusts the event's copy or arrival order) and, when paid for the order's exact amount
 * and currency, moves the order to PAID (markPaid). Only the transition fulfils; later calls (reloads,
 * duplicate events) change nothing.
 */
export async function syncCheckoutSession(
  sessionId: string,
): Promise<{ outcome: SessionOutcome; orderId: string | null }> {
  const session = await stripe().checkout.sessions.retrieve(sessionId);
  const order = await orderForSession(session.id);
  if (!order) return { outcome: "unknown", orderId: null };
  const prisma = await db();

  if (session.payment_status === "paid" || session.payment_status === "no_payment_required") {
    const mismatch = paymentMismatch(order, session);
    if (mismatch) {
      await recordMismatch(order, session, mismatch);
      return { outcome: "held", orderId: order.id };
    }
    await markPaid(order, session);
    return { outcome: "paid", orderId: order.id };
  }
  if (session.status === "expired") {
    const canceled = await prisma.order.updateMany({
      where: { id: order.id, status: "PENDING" },
      data: { status: "CANCELED" },
    });
    if (canceled.count > 0)
      await recordAudit(prisma, {
        actorId: null,
        action: "order.canceled",
        targetType: "Order",
        targetId: order.id,
        details: { sessionId: session.id },
      });
    return { outcome: "failed", orderId: order.id };
  }
  const current = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, select: { status: true } });
  return { outcome: current.status === "FAILED" ? "failed" : "processing", orderId: order.id };
}

/** Once per order (the success page can be reloaded at will), loudly: money arrived that does not match. */
async function recordMismatch(order: Order, session: Stripe.Checkout.Session, mismatch: string) {
  const prisma = await db();
  console.error(`[stripe] order ${order.id} NOT marked paid: session ${session.id} ${mismatch}`);
  await prisma.$transaction(async (tx) => {
    const key = paymentMismatchKey(order.id);
    if (!(await claimOnce(tx, key, null))) return;
    await recordAudit(tx, {
      actorId: null,
      action: "order.payment_mismatch",
      targetType: "Order",
      targetId: order.id,
      details: {
        sessionId: session.id,
        problem: mismatch,
        paidCents: session.amount_total,
        paidCurrency: session.currency,
        orderCents: order.totalCents,
        orderCurrency: order.currency,
      },
    });
    await completeKey(tx, key, { sessionId: session.id });
  });
}

/**
 * To PAID, from a status that may become paid (policy.ts), with a conditional update whose row count
 * decides. The winner, in the same transaction, creates the grants and queues the receipt, so a crash
 * after the commit loses neither (the outbox sender delivers the receipt after a restart). Losers create
 * nothing.
 */
async function markPaid(order: Order, session: Stripe.Checkout.Session) {
  const prisma = await db();
  const email = (session.customer_details?.email ?? session.customer_email ?? "").toLowerCase();
  const paymentIntentId = stripeId(session.payment_intent);
  const receiptId = await prisma.$transaction(async (tx) => {
    // A guest who paid with the email of an account sees the purchase in that account's library, but
    // only when the account proved it owns the address: otherwise anyone could sign up with a buyer's
    // email and collect their purchases. Until then the receipt's claim link is the way in.
    const verified =
      order.userId || !email
        ? null
        : await tx.user.findFirst({ where: { email, emailVerifiedAt: { not: null } }, select: { id: true } });
    const won = await tx.order.updateMany({
      where: { id: order.id, status: statusesWhere(mayBecomePaid) },
      data: {
        status: "PAID",
        paidAt: new Date(),
        email: email || order.email,
        userId: order.userId ?? verified?.id ?? null,
        stripePaymentIntentId: paymentIntentId,
      },
    });
    if (won.count !== 1) return null;
    await recordAudit(tx, {
      actorId: null,
      action: "order.paid",
      targetType: "Order",
      targetId: order.id,
      details: { sessionId: session.id, paymentIntentId, amountCents: session.amount_total },
    });
    await fulfilOrderIn(tx, order.id);
    return enqueueReceipt(tx, order.id);
  });
  if (!receiptId) return;
  // Stamped copies are made in the background: the receipt and the success page never wait for them.
  prepareStampedCopies(order.id);
  // Sent now when the mail server answers; otherwise the outbox sender retries it.
  await deliverOutboxMail(receiptId);
}

/** checkout.session.async_payment_failed: the order failed (re-checked against Stripe first). */
export async function failCheckoutSession(sessionId: string): Promise<void> {
  const session = await stripe().checkout.sessions.retrieve(sessionId);
  if (session.payment_status === "paid") return void (await syncCheckoutSession(sessionId));
  const order = await orderForSession(session.id);
  if (!order) return;
  const prisma = await db();
  const failed = await prisma.order.updateMany({
    where: { id: order.id, status: "PENDING" },
    data: { status: "FAILED" },
  });
  if (failed.count > 0)
    await recordAudit(prisma, {
      actorId: null,
      action: "order.failed",
      targetType: "Order",
      targetId: order.id,
      details: { sessionId: session.id },
    });
}
