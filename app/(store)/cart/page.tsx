import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { getCartView } from "@/lib/cart/cart";
import { formatMoney } from "@/lib/catalog/money";
import { BookCover } from "@/app/components/book-cover";
import { PRIVATE_PAGE_ROBOTS } from "@/lib/catalog/search-engines";
import { removeFromCartAction } from "./actions";

export const metadata: Metadata = { title: "Cart", robots: PRIVATE_PAGE_ROBOTS };

const MESSAGES: Record<string, string> = {
  "already-owned": "You already own a book in your cart — it is in your library. Remove it to check out.",
  "unknown-book": "That book is not available.",
  "cart-full": "Your cart is full. Check out or remove a book first.",
  "checkout-unavailable":
    "A book in your cart is no longer available, or the books cannot be bought together. Please review your cart.",
  "payment-service": "Payments are unavailable right now. Nothing was charged; please try again in a moment.",
};

export default async function CartPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const user = await getCurrentUser();
  const cart = await getCartView(user?.id ?? null);
  const payable = cart.lines.filter((line) => !line.owned);
  return (
    <section className="mx-auto max-w-3xl">
      <h1 className="font-serif text-4xl font-bold">Your cart</h1>
      {error && MESSAGES[error] && (
        <p role="alert" className="mt-4 rounded-md bg-amber-50 p-3 text-amber-900">
          {MESSAGES[error]}
        </p>
      )}
      {cart.lines.length === 0 ? (
        <p className="mt-6 text-stone-700">
          Your cart is empty.{" "}
          <Link href="/" className="font-semibold underline">
            Browse the books
          </Link>
          .
        </p>
      ) : (
        <>
          <ul
            className="mt-6 divide-y divide-stone-200 rounded-md border border-stone-200 bg-white"
            data-testid="cart-lines"
          >
            {cart.lines.map((line) => (
              <li key={line.id} className="flex items-center gap-4 p-4">
                <div className="w-14 shrink-0">
                  <BookCover
                    src={line.coverUrl}
                    width={line.coverWidth}
                    height={line.coverHeight}
                    title={line.title}
                    place="cart"
                    className="rounded"
                  />
                </div>
                <div className="min-w-0 flex-1">
                  <Link href={`/books/${line.slug}`} className="font-serif font-semibold hover:underline">
                    {line.title}
                  </Link>
                  <p className="text-sm text-stone-700">{line.author}</p>
                  {line.owned && (
                    <p className="text-sm font-medium text-emerald-800">Already in your library — not charged.</p>
                  )}
                </div>
                <p className="font-semibold">{formatMoney(line.priceCents, line.currency)}</p>
                <form action={removeFromCartAction}>
                  <input type="hidden" name="bookId" value={line.id} />
                  <button type="submit" className="btn-secondary" aria-label={`Remove ${line.title}`}>
                    Remove
                  </button>
                </form>
              </li>
            ))}
          </ul>
          <div className="mt-6 flex flex-col items-end gap-3">
            {cart.totals.map((total) => (
              <p key={total.currency} className="text-xl" data-testid="cart-total">
                Total <span className="font-semibold">{formatMoney(total.cents, total.currency)}</span>
              </p>
            ))}
            <form action="/api/checkout" method="post">
              <button type="submit" className="btn-primary px-6 py-3 text-base" disabled={payable.length === 0}>
                Checkout
              </button>
            </form>
          </div>
        </>
      )}
    </section>
  );
}
