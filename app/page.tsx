import type { Metadata } from "next";
import Link from "next/link";
import { listPublishedBooks } from "@/lib/catalog/queries";
import { catalogMetadata } from "@/lib/catalog/search-engines";
import { formatMoney } from "@/lib/catalog/money";
import { BookCover } from "./components/book-cover";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ q?: string | string[] }> };

const searchQuery = async (searchParams: Props["searchParams"]) => {
  const { q } = await searchParams;
  return typeof q === "string" ? q.trim() : "";
};

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return catalogMetadata(await searchQuery(searchParams));
}

export default async function CatalogPage({ searchParams }: Props) {
  const query = await searchQuery(searchParams);
  const books = await listPublishedBooks(query);
  return (
    <>
      <section className="mb-8 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="font-serif text-4xl font-bold">Books</h1>
          <p className="mt-1 text-stone-700">DRM-free. Download on any device, as often as you need.</p>
        </div>
        <form role="search" action="/" className="flex w-full gap-2 sm:w-96">
          <label htmlFor="q" className="sr-only">
            Search by title or author
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={query}
            placeholder="Search title or author"
            className="field"
          />
          <button type="submit" className="btn-primary">
            Search
          </button>
        </form>
      </section>
      {query && (
        <p className="mb-4 text-sm text-stone-700" aria-live="polite">
          {books.length} result{books.length === 1 ? "" : "s"} for “{query}”.{" "}
          <Link href="/" className="underline">
            Clear
          </Link>
        </p>
      )}
      {books.length === 0 ? (
        <p className="rounded-md border border-dashed border-stone-300 p-8 text-center text-stone-700">
          No books match your search.
        </p>
      ) : (
        <ul className="grid grid-cols-2 gap-6 sm:grid-cols-3 lg:grid-cols-4" data-testid="catalog">
          {books.map((book) => (
            <li key={book.id}>
              <Link href={`/books/${book.slug}`} className="group block rounded-md focus-visible:outline-offset-4">
                <BookCover
                  src={book.coverUrl}
                  title={book.title}
                  className="rounded-md shadow-sm transition group-hover:shadow-md"
                />
                <h2 className="mt-3 font-serif text-lg font-semibold leading-snug group-hover:underline">
                  {book.title}
                </h2>
                <p className="text-sm text-stone-700">{book.author}</p>
                <p className="mt-1 font-semibold">{formatMoney(book.priceCents, book.currency)}</p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
