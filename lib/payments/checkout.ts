import "server-only";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { ConflictError, ValidationError } from "@/lib/errors";
import { ownedBookIds } from "@/lib/orders/ownership";
import { isBookId } from "@/lib/cart/rules";
import { stripe } from "./stripe-client";

export const checkoutSchema = z.object({
  bookIds: z.array(z.string().refine(isBookId, "Unknown book")).min(1, "Your cart is empty").max(50),
});

export interface Buyer {
  id: string;
  email: string;
}

/**
 * Starts a Stripe Checkout for the given books: prices and names come from the database, never from
 * the client; books the buyer owns are refused. A PENDING order is written first and records the
 * session's id before the buyer gets its URL: payments are matched to orders by that exact id only
 * (sync-session.ts); orderId in metadata and client_reference_id are for people reading the
 * Stripe dashboard. Returns the Checkout URL.
 */
export async function startCheckout(input: unknown, buyer: Buyer | null): Promise<string> {
  const parsed = checkoutSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? "Invalid cart");
  const bookIds = [...new Set(parsed.data.bookIds)];
  const prisma = await db();
  const books = await prisma.product.findMany({ where: { id: { in: bookIds }, published: true } });
  if (books.length !== bookIds.length) throw new ValidationError("A book in your cart is no longer available");
  if (buyer && (await ownedBookIds(buyer.id, bookIds)).size > 0)
    throw new ConflictError("You already own a book in your cart");
  const currencies = new Set(books.map((book) => book.currency));
  if (currencies.size !== 1) throw new ValidationError("Books in different currencies must be bought separately");

  const total = books.reduce((sum, book) => sum + book.priceCents, 0);
  const order = await prisma.order.create({
    data: {
      email: buyer?.email ?? "",
      userId: buyer?.id ?? null,
      currency: books[0].currency,
      subtotalCents: total,
      totalCents: total,
      items: {
        create: books.map((book) => ({ productId: book.id, title: book.title, unitPriceCents: book.priceCents })),
      },
    },
  });

  const { appUrl } = getConfig();
  const session = await stripe().checkout.sessions.create(
    {
      mode: "payment",
      client_reference_id: order.id,
      metadata: { orderId: order.id },
      ...(buyer ? { customer_email: buyer.email } : {}),
      line_items: books.map((book) => ({
        quantity: 1,
        price_data: {
          currency: book.currency,
          unit_amount: book.priceCents,
          product_data: { name: book.title, metadata: { productId: book.id } },
        },
      })),
      success_url: `${appUrl}/checkout/success?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${appUrl}/cart`,
    },
    { idempotencyKey: `checkout-${order.id}` },
  );
  await prisma.order.update({ where: { id: order.id }, data: { stripeCheckoutSessionId: session.id } });
  if (!session.url) throw new Error(`Stripe returned no URL for session ${session.id}`);
  return session.url;
}
