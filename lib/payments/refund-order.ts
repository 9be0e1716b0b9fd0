import "server-only";
import { createHash } from "node:crypto";
import type Stripe from "stripe";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/admin/audit";
import { formatMoney } from "@/lib/catalog/money";
import { claimOnce, completeKey } from "@/lib/idempotency/store";
import { staffRefundKey } from "@/lib/idempotency/keys";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { fullyRefunded, isRefundable, underDispute } from "@/lib/orders/policy";
import type { StaffActionResult, StaffActor } from "@/lib/orders/staff-grant-change";
import { applyChargeRefunds } from "./refunds";
import { stripe } from "./stripe-client";
import { stripeId } from "./stripe-id";

// Stripe caps a metadata value at 500 characters; the refunded item ids travel in one.
const METADATA_VALUE_MAX = 500;

/** Stripe's refusals become a ConflictError with its reason; an unanswered call says what that means. */
async function createStripeRefund(
  paymentIntent: string,
  amount: number,
  metadata: Record<string, string>,
  idempotencyKey: string,
): Promise<Stripe.Refund> {
  try {
    return await stripe().refunds.create(
      { payment_intent: paymentIntent, amount, reason: "requested_by_customer", metadata },
      { idempotencyKey },
    );
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    const type = "type" in error && typeof error.type === "string" ? error.type : "";
    if (type === "StripeInvalidRequestError" || type === "StripeCardError")
      throw new ConflictError(`Stripe refused the refund: ${error.message}`);
    // A timeout may hide a refund Stripe did make; the idempotency key makes the retry safe either way.
    if (type.startsWith("Stripe"))
      throw new ConflictError(
        "Stripe did not answer, so the refund may or may not have gone through. Try again: the same refund " +
          "is never made twice.",
      );
    throw error;
  }
}

/**
 * Refunds chosen items (or the whole order) through Stripe. The amount comes from the database: the
 * prices of the chosen items not refunded yet, never more than what is left on the charge; the whole
 * order refunds what is left. The item ids go in the refund's metadata, which is what makes
 * `applyChargeRefunds` revoke exactly their grants, now and again when the webhook arrives.
 * Idempotent: items already refunded are skipped, and the Stripe idempotency key is derived from the
 * request, so a double submit creates one refund.
 */
export async function refundOrder(
  orderId: string,
  itemIds: readonly string[] | "all",
  actor: StaffActor,
): Promise<StaffActionResult> {
  const prisma = await db();
  const order = await prisma.order.findUnique({ where: { id: orderId }, include: { items: true } });
  if (!order) throw new NotFoundError("No such order");
  const chosen = itemIds === "all" ? order.items : order.items.filter((item) => itemIds.includes(item.id));
  if (itemIds !== "all" && chosen.length !== new Set(itemIds).size)
    throw new NotFoundError("An item is not part of this order");

  const pending = chosen.filter((item) => item.refundedAt === null);
  const remaining = order.totalCents - order.refundedCents;
  if (fullyRefunded(order.status) || pending.length === 0 || remaining <= 0) {
    return { changed: false, message: "Already refunded: nothing changed." };
  }
  if (underDispute(order.status))
    throw new ConflictError("The payment is under dispute: Stripe refuses refunds until the dispute closes.");
  if (!isRefundable(order)) {
    throw new ConflictError("Only paid orders can be refunded.");
  }

  const ids = pending.map((item) => item.id).sort();
  const amount =
    itemIds === "all"
      ? remaining
      : Math.min(
          remaining,
          pending.reduce((sum, item) => sum + item.unitPriceCents, 0),
        );
  const idList = ids.join(",");
  // A whole-order refund revokes every grant without the list (the charge ends fully refunded).
  if (idList.length > METADATA_VALUE_MAX && itemIds !== "all")
    throw new ValidationError("Too many items for one refund: refund them in smaller groups.");
  const metadata = { orderId, ...(idList.length <= METADATA_VALUE_MAX ? { orderItemIds: idList } : {}) };
  const key = createHash("sha256").update(`${orderId}|${idList}|${amount}`).digest("hex").slice(0, 32);

  const refund = await createStripeRefund(order.stripePaymentIntentId, amount, metadata, `staff-refund-${key}`);

  const titles = pending.map((item) => item.title);
  // A concurrent double submit gets the same refund back from Stripe (same key): the refund's own
  // idempotency key, claimed with its audit row, records it once.
  const first = await prisma.$transaction(async (tx) => {
    const key = staffRefundKey(orderId, refund.id);
    if (!(await claimOnce(tx, key, actor.id))) return false;
    await recordAudit(tx, {
      actorId: actor.id,
      action: "order.refund",
      targetType: "Order",
      targetId: orderId,
      details: {
        refundId: refund.id,
        amountCents: refund.amount,
        currency: order.currency,
        scope: itemIds === "all" ? "order" : "items",
        items: pending.map(({ id, title }) => ({ id, title })),
      },
    });
    await completeKey(tx, key, { refundId: refund.id, amountCents: refund.amount });
    return true;
  });
  const chargeId = stripeId(refund.charge);
  // Applied now so staff see the result at once; the charge.refunded webhook repeats it as a no-op.
  if (chargeId) await applyChargeRefunds(chargeId);
  if (!first) return { changed: false, message: "Already refunded: nothing changed." };
  return {
    changed: true,
    message:
      `Refunded ${formatMoney(refund.amount, order.currency)} for ${titles.join(", ")}. ` +
      "Their downloads are revoked.",
  };
}
