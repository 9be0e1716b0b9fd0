import Link from "next/link";
import { CATALOG_SORTS, catalogHref, type CatalogQuery, pageWindow, SORT_LABELS } from "@/lib/catalog/catalog-query";

/** The orders a list can be read in, as plain links (crawlable, no script); the current one marked. */
export function SortLinks({ path, query }: { path: string; query: CatalogQuery }) {
  return (
    <nav aria-label="Sort books" className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      <span className="text-stone-700">Sort:</span>
      {CATALOG_SORTS.map((sort) =>
        sort === query.sort ? (
          <span key={sort} aria-current="true" className="font-semibold">
            {SORT_LABELS[sort]}
          </span>
        ) : (
          <Link key={sort} href={catalogHref(path, query, { sort, page: 1 })} className="underline" rel="nofollow">
            {SORT_LABELS[sort]}
          </Link>
        ),
      )}
    </nav>
  );
}

/** Real links to every page (a crawler reaches every book), with rel prev/next. */
export function Pagination({ path, query, pageCount }: { path: string; query: CatalogQuery; pageCount: number }) {
  if (pageCount <= 1) return null;
  const link = (page: number) => catalogHref(path, query, { page });
  return (
    <nav aria-label="Pages" className="mt-10 flex flex-wrap items-center justify-center gap-2" data-testid="pagination">
      {query.page > 1 && (
        <Link href={link(query.page - 1)} rel="prev" className="btn-secondary">
          Previous
        </Link>
      )}
      {pageWindow(query.page, pageCount).map((entry, i) =>
        entry === "gap" ? (
          <span key={`gap-${i}`} aria-hidden="true" className="px-1 text-stone-600">
            …
          </span>
        ) : entry === query.page ? (
          <span
            key={entry}
            aria-current="page"
            className="rounded-md bg-stone-900 px-3 py-1.5 font-semibold text-white"
          >
            {entry}
          </span>
        ) : (
          <Link
            key={entry}
            href={link(entry)}
            className="rounded-md px-3 py-1.5 underline"
            aria-label={`Page ${entry}`}
          >
            {entry}
          </Link>
        ),
      )}
      {query.page < pageCount && (
        <Link href={link(query.page + 1)} rel="next" className="btn-secondary">
          Next
        </Link>
      )}
    </nav>
  );
}
