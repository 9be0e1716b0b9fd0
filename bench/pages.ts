import { lighthouseScores, type LighthouseRunner, type LighthouseScores } from "./lighthouse";
import { measureRow, type RowResult } from "./measure";
import type { LoadSettings } from "./wrk";

export interface PageResult extends RowResult {
  lighthouse: LighthouseScores | null;
  /** Served from the cache to anonymous visitors: the ≥ 0.8 × floor target applies. */
  cached: boolean;
  /** One of the four pages with Lighthouse targets (catalog, book, cart, library). */
  lighthouseTarget: boolean;
}

/** Who asks: nobody (the cached pages), a visitor with a cart, a signed-in reader. */
export interface Visitors {
  cart: string;
  reader: string;
}

// With the backlist (bench/backlist.ts) the store holds 10,000 published books.
export const PAGES: {
  name: string;
  path: string;
  cached: boolean;
  lighthouseTarget: boolean;
  visitor?: keyof Visitors;
}[] = [
  { name: "Catalog page /", path: "/", cached: true, lighthouseTarget: true },
  { name: "Book page", path: "/books/the-quiet-art-of-binding", cached: true, lighthouseTarget: true },
  {
    name: "Catalog page 200 by price (10,000 books)",
    path: "/?sort=price-low&page=200",
    cached: true,
    lighthouseTarget: false,
  },
  { name: "Catalog search (10,000 books)", path: "/?q=lantern", cached: false, lighthouseTarget: false },
  { name: "Author page", path: "/authors/Backlist%20Author%207", cached: false, lighthouseTarget: false },
  {
    name: "Book page, signed in",
    path: "/books/the-quiet-art-of-binding",
    cached: false,
    lighthouseTarget: false,
    visitor: "reader",
  },
  { name: "Cart (one book)", path: "/cart", cached: false, lighthouseTarget: true, visitor: "cart" },
  { name: "Library, signed in", path: "/library", cached: false, lighthouseTarget: true, visitor: "reader" },
];

/** The storefront's busiest pages through nginx: wrk figures, and Lighthouse scores in Chromium when it runs. */
export async function pageTimings(
  base: string,
  settings: LoadSettings,
  runs: number,
  appPid: number,
  lighthouse: LighthouseRunner | null,
  visitors: Visitors,
): Promise<PageResult[]> {
  const results: PageResult[] = [];
  for (const page of PAGES) {
    const headers: Record<string, string> = page.visitor ? { cookie: visitors[page.visitor] } : {};
    const url = `${base}${page.path}`;
    const row = await measureRow({ name: page.name, file: page.path, url, appPid, headers }, settings, runs);
    results.push({
      ...row,
      cached: page.cached,
      lighthouseTarget: page.lighthouseTarget,
      lighthouse: lighthouse ? await lighthouseScores(lighthouse, url, headers) : null,
    });
  }
  return results;
}
