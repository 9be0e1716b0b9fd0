import Link from "next/link";
import { formatMoney } from "@/lib/catalog/money";
import type { BookCard } from "@/lib/catalog/queries";
import { BookCover } from "./book-cover";

/** The catalog's cards: cover, title, author and price, each a link to the book. */
export function BookGrid({ books }: { books: BookCard[] }) {
  return (
    <ul className="grid grid-cols-2 gap-6 sm:grid-cols-3 lg:grid-cols-4" data-testid="catalog">
      {books.map((book, index) => (
        <li key={book.id}>
          <Link href={`/books/${book.slug}`} className="group block rounded-md focus-visible:outline-offset-4">
            <BookCover
              src={book.coverUrl}
              width={book.coverWidth}
              height={book.coverHeight}
              title={book.title}
              place="grid"
              // The first row (two columns on phones, four on wide screens) is in the first view.
              priority={index < 2 ? "high" : index < 4 ? "eager" : "lazy"}
              className="rounded-md shadow-sm transition group-hover:shadow-md"
            />
            <h2 className="mt-3 font-serif text-lg font-semibold leading-snug group-hover:underline">{book.title}</h2>
            <p className="text-sm text-stone-700">{book.author}</p>
            <p className="mt-1 font-semibold">{formatMoney(book.priceCents, book.currency)}</p>
          </Link>
        </li>
      ))}
    </ul>
  );
}
