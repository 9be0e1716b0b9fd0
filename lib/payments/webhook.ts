import "server-only";
import type Stripe from "stripe";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { applyChargeRefunds } from "./refunds";
import { syncDispute } from "./disputes";
import { failCheckoutSession, syncCheckoutSession } from "./sync-session";
import { stripe } from "./stripe-client";

export class BadSignatureError extends Error {}

/** Verifies the raw body against Stripe-Signature (default 300 s tolerance) and returns the event. */
export function verifyStripeEvent(rawBody: string, signature: string | null): Stripe.Event {
  const secret = getConfig().stripe.webhookSecret;
  if (!secret) throw new Error("STRIPE_WEBHOOK_SECRET is not set");
  if (!signature) throw new BadSignatureError("missing Stripe-Signature header");
  try {
    return stripe().webhooks.constructEvent(rawBody, signature, secret);
  } catch (error) {
    throw new BadSignatureError(error instanceof Error ? error.message : "bad signature");
  }
}

/**
 * Handles one verified event. Every handler re-reads the object from Stripe and is idempotent, so a
 * duplicate or out-of-order delivery changes nothing twice. The event id is recorded after success:
 * a delivery that failed midway is retried by Stripe and processed again. A refund or dispute that
 * overtakes its payment settles the order first or throws (5xx, retried: order-for-payment.ts). A paid
 * session whose amount or currency differs from the order's is recorded and answered 2xx: retrying
 * cannot fix it, staff must look at it (sync-session.ts).
 */
export async function handleStripeEvent(event: Stripe.Event): Promise<"processed" | "duplicate" | "ignored"> {
  const prisma = await db();
  if (await prisma.processedStripeEvent.findUnique({ where: { id: event.id } })) return "duplicate";

  let handled = true;
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
    case "checkout.session.expired":
      await syncCheckoutSession(event.data.object.id);
      break;
    case "checkout.session.async_payment_failed":
      await failCheckoutSession(event.data.object.id);
      break;
    case "charge.refunded":
      await applyChargeRefunds(event.data.object.id);
      break;
    case "charge.dispute.created":
    case "charge.dispute.updated":
    case "charge.dispute.closed":
      await syncDispute(event.data.object.id);
      break;
    default:
      handled = false;
  }

  try {
    await prisma.processedStripeEvent.create({ data: { id: event.id, type: event.type } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return "duplicate";
  }
  return handled ? "processed" : "ignored";
}
