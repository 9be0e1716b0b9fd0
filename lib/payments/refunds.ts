import "server-only";
import { db } from "@/lib/db/client";
import { stripe } from "./stripe-client";

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === "string" ? value : (value?.id ?? null));

/** Item ids a refund was for, when staff refunded by item (the back office puts them in its metadata). */
function refundedItemIds(metadata: Record<string, string> | null | undefined): string[] {
  return (metadata?.orderItemIds ?? "").split(",").map((id) => id.trim()).filter(Boolean);
}

/**
 * charge.refunded: re-reads the charge and its refunds from Stripe. A full refund revokes every grant
 * of the order; a partial one revokes only the grants of the items it names, and otherwise keeps access
 * (over-revoking on partial refunds is a known bug elsewhere: EDD #7758, WooCommerce #67008).
 * Idempotent: grants already revoked keep their first reason and time.
 */
export async function applyChargeRefunds(chargeId: string): Promise<void> {
  const charge = await stripe().charges.retrieve(chargeId, { expand: ["refunds"] });
  const paymentIntentId = idOf(charge.payment_intent);
  if (!paymentIntentId) return;
  const prisma = await db();
  const order = await prisma.order.findUnique({ where: { stripePaymentIntentId: paymentIntentId }, include: { items: true } });
  if (!order) return;

  const full = charge.refunded || charge.amount_refunded >= charge.amount;
  const succeeded = (charge.refunds?.data ?? []).filter((refund) => refund.status !== "failed" && refund.status !== "canceled");
  const named = new Set(succeeded.flatMap((refund) => refundedItemIds(refund.metadata)));
  const itemIds = full ? order.items.map((item) => item.id) : order.items.filter((item) => named.has(item.id)).map((item) => item.id);
  const now = new Date();

  await prisma.$transaction([
    prisma.order.update({
      where: { id: order.id },
      data: {
        refundedCents: charge.amount_refunded,
        ...(order.status === "DISPUTED" ? {} : { status: full ? "REFUNDED" : "PARTIALLY_REFUNDED" }),
      },
    }),
    prisma.orderItem.updateMany({ where: { id: { in: itemIds }, refundedAt: null }, data: { refundedAt: now } }),
    prisma.downloadGrant.updateMany({
      where: { orderItemId: { in: itemIds }, revokedAt: null },
      data: { revokedAt: now, revokedReason: full ? "Order refunded" : "Item refunded" },
    }),
  ]);
}
