import { z } from "zod";

export const CATALOG_SORTS = ["newest", "title", "price-low", "price-high"] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];

export const SORT_LABELS: Record<CatalogSort, string> = {
  newest: "Newest",
  title: "Title",
  "price-low": "Price: low to high",
  "price-high": "Price: high to low",
};

/** Books per catalog page: four rows of the widest grid. */
export const PAGE_SIZE = 24;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/**
 * The catalog's query string (`?q=&sort=&page=`): anything unexpected falls back to the first page of
 * everything, newest first, so a mangled link still shows books rather than an error.
 */
export const catalogQuerySchema = z.object({
  q: z.preprocess(first, z.string().trim().max(100)).catch(""),
  sort: z.preprocess(first, z.enum(CATALOG_SORTS)).catch("newest"),
  page: z.preprocess(first, z.coerce.number().int().min(1).max(10_000)).catch(1),
});

export type CatalogQuery = z.infer<typeof catalogQuerySchema>;

/** The link to `query` changed by `change`, leaving defaults out so each page has one URL. */
export function catalogHref(path: string, query: CatalogQuery, change: Partial<CatalogQuery> = {}): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  if (next.sort !== "newest") params.set("sort", next.sort);
  if (next.page > 1) params.set("page", String(next.page));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** The author page's path: the name itself, percent-encoded (names are free text). */
export const authorHref = (author: string) => `/authors/${encodeURIComponent(author)}`;

/** Page numbers around the current one, the first and the last: 1 … 4 5 [6] 7 8 … 20. */
export function pageWindow(page: number, pageCount: number): (number | "gap")[] {
  const shown = new Set([1, pageCount, page - 2, page - 1, page, page + 1, page + 2]);
  const pages = [...shown].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  return pages.flatMap((n, i) => (i > 0 && n - (pages[i - 1] ?? n) > 1 ? ["gap" as const, n] : [n]));
}

/** A shelf's page. */
export const shelfHref = (slug: string) => `/categories/${encodeURIComponent(slug)}`;

/** A series' page: its name, percent-encoded, like an author's. */
export const seriesHref = (series: string) => `/series/${encodeURIComponent(series)}`;

/** A name from a path segment (an author, a series): null when malformed, empty or over-long. */
export function nameFromSegment(segment: string): string | null {
  try {
    const name = decodeURIComponent(segment);
    return name.length > 0 && name.length <= 200 ? name : null;
  } catch {
    return null;
  }
}
