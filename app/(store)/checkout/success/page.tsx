import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { formatMoney } from "@/lib/catalog/money";
import { orderSummary } from "@/lib/orders/order-summary";
import { syncCheckoutSession } from "@/lib/payments/sync-session";
import { PRIVATE_PAGE_ROBOTS } from "@/lib/catalog/search-engines";
import { ClearCart } from "./clear-cart";

export const metadata: Metadata = { title: "Thank you", robots: PRIVATE_PAGE_ROBOTS };
export const dynamic = "force-dynamic";

/**
 * Shows the order behind a Checkout Session. It fulfils only through the same idempotent path as the
 * webhook, after asking Stripe; holding a session id shows the order, never its downloads — those go
 * to the buyer's mailbox and library.
 */
export default async function CheckoutSuccessPage({
  searchParams,
}: {
  searchParams: Promise<{ session_id?: string }>;
}) {
  const sessionId = (await searchParams).session_id;
  const result =
    sessionId && /^cs_[A-Za-z0-9_]{1,200}$/.test(sessionId)
      ? await syncCheckoutSession(sessionId).catch(() => null)
      : null;
  const order = result?.orderId ? await orderSummary(result.orderId) : null;
  if (!result || !order) {
    return (
      <section className="mx-auto max-w-xl">
        <h1 className="font-serif text-4xl font-bold">We could not find that order</h1>
        <p className="mt-3 text-stone-700">
          If you paid, your receipt is on its way by email.{" "}
          <Link href="/" className="underline">
            Back to the books
          </Link>
        </p>
      </section>
    );
  }
  const user = await getCurrentUser();
  const isOwner = user !== null && user.id === order.userId;
  return (
    <section className="mx-auto max-w-xl">
      {result.outcome === "paid" ? (
        <>
          <ClearCart />
          <h1 className="font-serif text-4xl font-bold">Thank you!</h1>
          <p className="mt-3 text-stone-700" data-testid="order-status">
            Payment received. A receipt with your download links is on its way to <strong>{order.email}</strong>.
          </p>
        </>
      ) : result.outcome === "processing" || result.outcome === "held" ? (
        <>
          <h1 className="font-serif text-4xl font-bold">Payment processing</h1>
          <p className="mt-3 text-stone-700" data-testid="order-status">
            Your bank is still confirming the payment. We will email your download links as soon as it clears — you can
            close this page.
          </p>
        </>
      ) : (
        <>
          <h1 className="font-serif text-4xl font-bold">Payment not completed</h1>
          <p className="mt-3 text-stone-700" data-testid="order-status">
            The payment did not go through and nothing was charged.{" "}
            <Link href="/cart" className="underline">
              Back to your cart
            </Link>
          </p>
        </>
      )}
      <ul className="mt-6 divide-y divide-stone-200 rounded-md border border-stone-200 bg-white">
        {order.items.map((item) => (
          <li key={item.id} className="flex justify-between p-3">
            <span className="font-serif">{item.title}</span>
            <span>{formatMoney(item.unitPriceCents, order.currency)}</span>
          </li>
        ))}
        <li className="flex justify-between p-3 font-semibold">
          <span>Total</span>
          <span>{formatMoney(order.totalCents, order.currency)}</span>
        </li>
      </ul>
      {result.outcome === "paid" && isOwner && (
        <Link href="/library" className="btn-primary mt-6">
          Go to your library
        </Link>
      )}
    </section>
  );
}
