/**
 * Resized copies of a cover (AVIF and WebP) and the markup that picks one: shared by the upload that
 * writes them (cover-images.ts) and the pages that show them (app/components/book-cover.tsx), so both
 * agree on the names without storing a list. A cover has copies exactly when its size is recorded.
 */

/** Grid cards are 160–300 CSS px wide, the book page's cover up to ~380 (phones) or 288: at DPR 1–3. */
export const COVER_WIDTHS = [160, 320, 480, 640, 960] as const;

export const COVER_FORMATS = ["avif", "webp"] as const;
export type CoverFormat = (typeof COVER_FORMATS)[number];

/**
 * The widths to make for an original `width` px wide: the standard ones below it, and the original's own
 * width when it is smaller than the largest standard one (a 700 px cover still gets a 700w AVIF).
 */
export function variantWidths(width: number): number[] {
  const below = COVER_WIDTHS.filter((standard) => standard < width);
  const largest = COVER_WIDTHS[COVER_WIDTHS.length - 1] ?? 0;
  return width < largest ? [...below, width] : below;
}

/** "covers/ab12.png" → "covers/ab12-w320.avif": beside the original, named after it. */
export function variantPath(coverPath: string, width: number, format: CoverFormat): string {
  const stem = coverPath.replace(/\.[^./]+$/, "");
  return `${stem}-w${width}.${format}`;
}

/** The original's stem with its copies' suffix, to recognize them in a folder listing. */
export function isVariantOf(coverPath: string, fileName: string): boolean {
  const stem = (coverPath.split("/").at(-1) ?? "").replace(/\.[^.]+$/, "");
  return fileName.startsWith(`${stem}-w`) && /^-w\d+\.(avif|webp)$/.test(fileName.slice(stem.length));
}

/** A `srcset` for the copies of the cover at `coverUrl` (its /media/ URL), `width` px wide originally. */
export function coverSrcSet(coverUrl: string, width: number, format: CoverFormat): string {
  return variantWidths(width)
    .map((w) => `${variantPath(coverUrl, w, format)} ${w}w`)
    .join(", ");
}

/**
 * `sizes` for each place a cover is shown, from its layout (PageMain: max-w-6xl = 1152 px, padding 16 px
 * each side, 24 from sm): what the browser needs to choose a copy before the CSS is laid out.
 */
export const COVER_SIZES = {
  // grid-cols-2 sm:grid-cols-3 lg:grid-cols-4 with gap-6 (24 px): (content − gaps) / columns.
  grid: [
    "(min-width: 1152px) 258px",
    "(min-width: 1024px) calc(25vw - 30px)",
    "(min-width: 640px) calc(33.33vw - 32px)",
    "calc(50vw - 28px)",
  ].join(", "),
  // md:grid-cols-[minmax(0,18rem)_1fr]: 288 px beside the text, the page's whole width above it.
  book: ["(min-width: 768px) 288px", "(min-width: 640px) calc(100vw - 48px)", "calc(100vw - 32px)"].join(", "),
  admin: "160px", // w-40
  library: "80px", // w-20
  cart: "56px", // w-14
} as const;

export type CoverPlace = keyof typeof COVER_SIZES;
