import "server-only";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/admin/audit";
import { stripe } from "./stripe-client";
import { stripeId } from "./stripe-id";

async function orderForCharge(chargeId: string) {
  const charge = await stripe().charges.retrieve(chargeId);
  const paymentIntentId = stripeId(charge.payment_intent);
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
  const chargeId = stripeId(dispute.charge);
  const order = chargeId ? await orderForCharge(chargeId) : null;
  if (!order) return;
  const prisma = await db();
  const restored = order.refundedCents > 0 ? "PARTIALLY_REFUNDED" : "PAID";

  const audit = (action: string) =>
    recordAudit(prisma, { actorId: null, action, targetType: "Order", targetId: order.id, details: { disputeId: dispute.id, disputeStatus: dispute.status, reason: dispute.reason } });

  if (dispute.status === "won") {
    const changed = await prisma.order.updateMany({ where: { id: order.id, status: "DISPUTED" }, data: { status: restored } });
    if (changed.count > 0) await audit("order.dispute_won");
  } else if (dispute.status === "lost") {
    const now = new Date();
    const [changed, revoked] = await prisma.$transaction([
      prisma.order.updateMany({
        where: { id: order.id, NOT: { status: "REFUNDED", refundedCents: order.totalCents } },
        data: { status: "REFUNDED", refundedCents: order.totalCents },
      }),
      prisma.downloadGrant.updateMany({
        where: { orderItem: { orderId: order.id }, revokedAt: null },
        data: { revokedAt: now, revokedReason: "Payment dispute lost" },
      }),
    ]);
    if (changed.count + revoked.count > 0) await audit("order.dispute_lost");
  } else {
    const changed = await prisma.order.updateMany({ where: { id: order.id, status: { in: ["PAID", "PARTIALLY_REFUNDED"] } }, data: { status: "DISPUTED" } });
    if (changed.count > 0) await audit("order.disputed");
  }
}
