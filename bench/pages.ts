import { lighthouseScores, type LighthouseRunner, type LighthouseScores } from "./lighthouse";
import { measureRow, type RowResult } from "./measure";
import type { LoadSettings } from "./wrk";

export interface PageResult extends RowResult {
  lighthouse: LighthouseScores | null;
}

// With the backlist (bench/backlist.ts) the store holds 10,000 published books.
const PAGES = [
  { name: "Catalog page /", path: "/" },
  { name: "Book page", path: "/books/the-quiet-art-of-binding" },
  { name: "Catalog search (10,000 books)", path: "/?q=lantern" },
  { name: "Catalog page 200 by price (10,000 books)", path: "/?sort=price-low&page=200" },
  { name: "Author page", path: "/authors/Backlist%20Author%207" },
];

/** The storefront's busiest pages through nginx: wrk figures, and Lighthouse scores in Chromium when it runs. */
export async function pageTimings(
  base: string,
  settings: LoadSettings,
  runs: number,
  appPid: number,
  lighthouse: LighthouseRunner | null,
): Promise<PageResult[]> {
  const results: PageResult[] = [];
  for (const page of PAGES) {
    const row = await measureRow(
      { name: page.name, file: page.path, url: `${base}${page.path}`, appPid },
      settings,
      runs,
    );
    results.push({ ...row, lighthouse: lighthouse ? await lighthouseScores(lighthouse, `${base}${page.path}`) : null });
  }
  return results;
}
