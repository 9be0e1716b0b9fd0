import "server-only";
import { db } from "@/lib/db/client";
import { stripe } from "./stripe-client";

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === "string" ? value : (value?.id ?? null));

async function orderForCharge(chargeId: string) {
  const charge = await stripe().charges.retrieve(chargeId);
  const paymentIntentId = idOf(charge.payment_intent);
  if (!paymentIntentId) return null;
  const prisma = await db();
  return prisma.order.findUnique({ where: { stripePaymentIntentId: paymentIntentId } });
}

/**
 * Disputes, decided from the dispute as Stripe has it now: open → the order is DISPUTED and its
 * downloads pause (lib/downloads refuses DISPUTED orders); won → access is restored; lost → the grants
 * are revoked and the order counts as refunded.
 */
export async function syncDispute(disputeId: string): Promise<void> {
  const dispute = await stripe().disputes.retrieve(disputeId);
  const chargeId = idOf(dispute.charge);
  const order = chargeId ? await orderForCharge(chargeId) : null;
  if (!order) return;
  const prisma = await db();
  const restored = order.refundedCents > 0 ? "PARTIALLY_REFUNDED" : "PAID";

  if (dispute.status === "won") {
    await prisma.order.updateMany({ where: { id: order.id, status: "DISPUTED" }, data: { status: restored } });
  } else if (dispute.status === "lost") {
    const now = new Date();
    await prisma.$transaction([
      prisma.order.update({ where: { id: order.id }, data: { status: "REFUNDED", refundedCents: order.totalCents } }),
      prisma.downloadGrant.updateMany({
        where: { orderItem: { orderId: order.id }, revokedAt: null },
        data: { revokedAt: now, revokedReason: "Payment dispute lost" },
      }),
    ]);
  } else {
    await prisma.order.updateMany({ where: { id: order.id, status: { in: ["PAID", "PARTIALLY_REFUNDED"] } }, data: { status: "DISPUTED" } });
  }
}
