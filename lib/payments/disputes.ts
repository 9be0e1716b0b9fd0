import "server-only";
import { discardRevokedCopiesSoon } from "@/lib/stamping/cleanup";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/admin/audit";
import type { AuditAction } from "@/lib/admin/audit-actions";
import { mayDownload, statusesWhere } from "@/lib/orders/policy";
import { disputeEffect } from "./dispute-effect";
import { orderForPaymentIntent } from "./order-for-payment";
import { stripe } from "./stripe-client";
import { stripeId } from "./stripe-id";

async function orderForCharge(chargeId: string) {
  const charge = await stripe().charges.retrieve(chargeId);
  const paymentIntentId = stripeId(charge.payment_intent);
  return paymentIntentId ? orderForPaymentIntent(paymentIntentId) : null;
}

/**
 * Disputes, decided from the dispute as Stripe has it now (dispute-effect.ts): open → the order is
 * DISPUTED and its downloads pause (lib/downloads refuses DISPUTED orders); ended without a
 * chargeback (won, warning_closed, prevented) → access is restored; lost → the grants are
 * revoked and the order counts as refunded.
 */
export async function syncDispute(disputeId: string): Promise<void> {
  const dispute = await stripe().disputes.retrieve(disputeId);
  const chargeId = stripeId(dispute.charge);
  const order = chargeId ? await orderForCharge(chargeId) : null;
  if (!order) return;
  const prisma = await db();
  const restored = order.refundedCents > 0 ? "PARTIALLY_REFUNDED" : "PAID";

  const audit = (action: AuditAction) =>
    recordAudit(prisma, {
      actorId: null,
      action,
      targetType: "Order",
      targetId: order.id,
      details: { disputeId: dispute.id, disputeStatus: dispute.status, reason: dispute.reason },
    });

  const effect = disputeEffect(dispute.status);
  if (effect === "restore") {
    const changed = await prisma.order.updateMany({
      where: { id: order.id, status: "DISPUTED" },
      data: { status: restored },
    });
    if (changed.count > 0) await audit(dispute.status === "won" ? "order.dispute_won" : "order.dispute_closed");
  } else if (effect === "revoke") {
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
    if (revoked.count > 0) discardRevokedCopiesSoon();
  } else {
    // Only open access can be paused; a refunded or unpaid order stays as it is.
    const changed = await prisma.order.updateMany({
      where: { id: order.id, status: statusesWhere(mayDownload) },
      data: { status: "DISPUTED" },
    });
    if (changed.count > 0) await audit("order.disputed");
  }
}
