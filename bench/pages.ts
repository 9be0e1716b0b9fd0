import { measureRow, type RowResult } from "./measure";
import type { LoadSettings } from "./wrk";

export interface PageResult extends RowResult {
  lighthouse: { performance: number; accessibility: number } | null;
}

const PAGES = [
  { name: "Catalog page /", path: "/" },
  { name: "Book page", path: "/books/the-quiet-art-of-binding" },
];

/** The storefront's two busiest pages through nginx: wrk figures, and Lighthouse scores in Chromium. */
export async function pageTimings(
  base: string,
  settings: LoadSettings,
  runs: number,
  appPid: number,
  withLighthouse: boolean,
): Promise<PageResult[]> {
  const results: PageResult[] = [];
  for (const page of PAGES) {
    const row = await measureRow(
      { name: page.name, file: page.path, url: `${base}${page.path}`, appPid },
      settings,
      runs,
    );
    results.push({ ...row, lighthouse: withLighthouse ? await lighthouseScores(`${base}${page.path}`) : null });
  }
  return results;
}

async function lighthouseScores(url: string): Promise<{ performance: number; accessibility: number }> {
  const { launch } = await import("chrome-launcher");
  const { default: lighthouse } = await import("lighthouse");
  const chrome = await launch({
    chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    chromeFlags: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility"],
    });
    const categories = result?.lhr.categories;
    return {
      performance: Math.round((categories?.performance?.score ?? 0) * 100),
      accessibility: Math.round((categories?.accessibility?.score ?? 0) * 100),
    };
  } finally {
    chrome.kill();
  }
}
