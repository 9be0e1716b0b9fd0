import Link from "next/link";
import type { CatalogQuery } from "@/lib/catalog/catalog-query";
import type { CatalogPage } from "@/lib/catalog/queries";
import { BookGrid } from "./book-grid";
import { Pagination, SortLinks } from "./catalog-controls";

interface Props {
  title: string;
  /** Where the listing lives, for its page and sort links. */
  path: string;
  query: CatalogQuery;
  result: CatalogPage;
  /** A series keeps its own order: no sort links. */
  sortable?: boolean;
}

/** One author's, shelf's or series' books: a heading, how many, the order, the cards and the pages. */
export function BookListing({ title, path, query, result, sortable = true }: Props) {
  return (
    <>
      <p className="text-sm">
        <Link href="/" className="underline">
          All books
        </Link>
      </p>
      <div className="mb-6 mt-2 flex flex-col gap-2 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="font-serif text-4xl font-bold">{title}</h1>
          <p className="mt-1 text-stone-700" data-testid="catalog-count">
            {result.total} book{result.total === 1 ? "" : "s"}
          </p>
        </div>
        {sortable && <SortLinks path={path} query={query} />}
      </div>
      <BookGrid books={result.books} />
      <Pagination path={path} query={query} pageCount={result.pageCount} />
    </>
  );
}
