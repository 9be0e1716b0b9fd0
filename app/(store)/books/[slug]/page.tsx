import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getCurrentUser } from "@/lib/auth/session";
import { hasRole, STAFF_ROLES } from "@/lib/auth/roles";
import { coverSize } from "@/lib/catalog/cover-size";
import { getBookBySlug } from "@/lib/catalog/queries";
import { bookMetadata } from "@/lib/catalog/search-engines";
import { readCartIds } from "@/lib/cart/cart";
import { ownedBookIds } from "@/lib/orders/ownership";
import { AddToCartForm, BookView } from "@/app/components/book-view";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

// Once per request: the metadata and the page read the same book.
const loadBook = cache(async (slug: string) => {
  const user = await getCurrentUser();
  const book = await getBookBySlug(slug, { includeUnpublished: hasRole(user?.role, STAFF_ROLES) });
  return { user, book };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { book } = await loadBook((await params).slug);
  return book ? bookMetadata(book, await coverSize(book)) : {};
}

/**
 * A book's page for a visitor with a session or a cart (the rest get app/(cached)/cached/books): what
 * they own or have in the cart, and the staff preview of an unpublished book.
 */
export default async function BookPage({ params }: Props) {
  const { user, book } = await loadBook((await params).slug);
  if (!book) notFound();
  const [owned, cart] = await Promise.all([
    user ? ownedBookIds(user.id, [book.id]) : Promise.resolve(new Set<string>()),
    readCartIds(),
  ]);
  const purchase = owned.has(book.id) ? (
    <p className="rounded-md bg-emerald-50 p-4 text-emerald-900" data-testid="owned-notice">
      You own this book.{" "}
      <Link href="/library" className="font-semibold underline">
        Download it from your library
      </Link>
      .
    </p>
  ) : cart.includes(book.id) ? (
    <p className="text-stone-800">
      In your cart.{" "}
      <Link href="/cart" className="font-semibold underline">
        Go to cart
      </Link>
    </p>
  ) : book.published ? (
    <AddToCartForm bookId={book.id} />
  ) : null;
  return <BookView book={book} purchase={purchase} />;
}
