import Link from "next/link";
import { catalogHref, shelfHref, type CatalogQuery } from "@/lib/catalog/catalog-query";
import type { Shelf } from "@/lib/catalog/categories";
import type { CatalogPage } from "@/lib/catalog/queries";
import { BookGrid } from "./book-grid";
import { Pagination, SortLinks } from "./catalog-controls";

interface Props {
  query: CatalogQuery;
  result: CatalogPage;
  shelves: Shelf[];
}

/** The catalog: search, shelves, order, one page of books and the links to the others. */
export function CatalogView({ query, result: { books, total, pageCount }, shelves }: Props) {
  const stocked = shelves.filter((shelf) => shelf.books > 0);
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
            defaultValue={query.q}
            placeholder="Search title or author"
            className="field"
          />
          {query.sort !== "newest" && <input type="hidden" name="sort" value={query.sort} />}
          <button type="submit" className="btn-primary">
            Search
          </button>
        </form>
      </section>
      {stocked.length > 0 && (
        <nav aria-label="Shelves" className="mb-6 flex flex-wrap gap-2 text-sm">
          {stocked.map((shelf) => (
            <Link
              key={shelf.id}
              href={shelfHref(shelf.slug)}
              className="rounded-full border border-stone-300 bg-white px-3 py-1 hover:bg-stone-100"
            >
              {shelf.name} <span className="text-stone-600">({shelf.books})</span>
            </Link>
          ))}
        </nav>
      )}
      <div className="mb-6 flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-stone-700" aria-live="polite" data-testid="catalog-count">
          {query.q ? (
            <>
              {total} result{total === 1 ? "" : "s"} for “{query.q}”.{" "}
              <Link href={catalogHref("/", query, { q: "", page: 1 })} className="underline">
                Clear
              </Link>
            </>
          ) : (
            `${total} book${total === 1 ? "" : "s"}${pageCount > 1 ? `, page ${query.page} of ${pageCount}` : ""}`
          )}
        </p>
        <SortLinks path="/" query={query} />
      </div>
      {books.length === 0 ? (
        <p className="rounded-md border border-dashed border-stone-300 p-8 text-center text-stone-700">
          {query.q ? "No books match your search." : "No books on this page."}{" "}
          {query.page > 1 && (
            <Link href={catalogHref("/", query, { page: 1 })} className="underline">
              Back to the first page
            </Link>
          )}
        </p>
      ) : (
        <BookGrid books={books} />
      )}
      <Pagination path="/" query={query} pageCount={pageCount} />
    </>
  );
}
