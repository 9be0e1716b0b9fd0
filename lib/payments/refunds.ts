import "server-only";
import { discardRevokedCopiesSoon } from "@/lib/stamping/cleanup";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/admin/audit";
import { accessSuspended, type OrderStatus } from "@/lib/orders/policy";
import { orderForPaymentIntent } from "./order-for-payment";
import { stripe } from "./stripe-client";
import { stripeId } from "./stripe-id";

/** Item ids a refund was for, when staff refunded by item (the back office puts them in its metadata). */
function refundedItemIds(metadata: Record<string, string> | null | undefined): string[] {
  return (metadata?.orderItemIds ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
}

/**
 * charge.refunded: re-reads the charge and its refunds from Stripe. A full refund revokes every grant
 * of the order; a partial one revokes only the grants of the items it names, and otherwise keeps access
 * (over-revoking on partial refunds is a known bug elsewhere: EDD #7758, WooCommerce #67008).
 * Idempotent: grants already revoked keep their first reason and time.
 */
export async function applyChargeRefunds(chargeId: string): Promise<void> {
  const charge = await stripe().charges.retrieve(chargeId, { expand: ["refunds"] });
  const paymentIntentId = stripeId(charge.payment_intent);
  if (!paymentIntentId) return;
  const known = await orderForPaymentIntent(paymentIntentId);
  if (!known) return;
  const prisma = await db();
  const order = await prisma.order.findUniqueOrThrow({ where: { id: known.id }, include: { items: true } });

  const full = charge.refunded || charge.amount_refunded >= charge.amount;
  const succeeded = (charge.refunds?.data ?? []).filter(
    (refund) => refund.status !== "failed" && refund.status !== "canceled",
  );
  const named = new Set(succeeded.flatMap((refund) => refundedItemIds(refund.metadata)));
  const itemIds = full
    ? order.items.map((item) => item.id)
    : order.items.filter((item) => named.has(item.id)).map((item) => item.id);
  const now = new Date();

  // A dispute keeps its status (downloads stay paused) until it closes.
  const status: OrderStatus | null = accessSuspended(order.status) ? null : full ? "REFUNDED" : "PARTIALLY_REFUNDED";

  await prisma.$transaction(async (tx) => {
    // Conditional on a difference, so a repeat (webhook after the back office applied it) changes nothing.
    const orderChange = await tx.order.updateMany({
      where: {
        id: order.id,
        OR: [{ refundedCents: { not: charge.amount_refunded } }, ...(status ? [{ status: { not: status } }] : [])],
      },
      data: { refundedCents: charge.amount_refunded, ...(status ? { status } : {}) },
    });
    const items = await tx.orderItem.updateMany({
      where: { id: { in: itemIds }, refundedAt: null },
      data: { refundedAt: now },
    });
    const grants = await tx.downloadGrant.updateMany({
      where: { orderItemId: { in: itemIds }, revokedAt: null },
      data: { revokedAt: now, revokedReason: full ? "Order refunded" : "Item refunded" },
    });
    if (orderChange.count + items.count + grants.count === 0) return;
    await recordAudit(tx, {
      actorId: null,
      action: "order.refunded",
      targetType: "Order",
      targetId: order.id,
      details: {
        chargeId,
        refundedCents: charge.amount_refunded,
        status: status ?? order.status,
        items: order.items
          .filter((item) => itemIds.includes(item.id) && item.refundedAt === null)
          .map(({ id, title }) => ({ id, title })),
        grantsRevoked: grants.count,
      },
    });
  });
  discardRevokedCopiesSoon();
}
