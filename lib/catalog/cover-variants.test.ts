import { describe, expect, it } from "vitest";
import { COVER_SIZES, coverSrcSet, isVariantOf, variantPath, variantWidths } from "./cover-variants";

describe("cover copies", () => {
  it("makes the standard widths below the original's, and the original's own below the largest", () => {
    expect(variantWidths(3000)).toEqual([160, 320, 480, 640, 960]);
    expect(variantWidths(960)).toEqual([160, 320, 480, 640]);
    expect(variantWidths(800)).toEqual([160, 320, 480, 640, 800]);
    expect(variantWidths(640)).toEqual([160, 320, 480, 640]);
    expect(variantWidths(200)).toEqual([160, 200]);
  });

  it("names each copy after its original, beside it", () => {
    expect(variantPath("covers/ab12cd.png", 320, "avif")).toBe("covers/ab12cd-w320.avif");
    expect(variantPath("/media/covers/ab12cd.jpeg", 160, "webp")).toBe("/media/covers/ab12cd-w160.webp");
  });

  it("recognizes an original's copies and nothing else", () => {
    const original = "covers/ab12.png";
    expect(isVariantOf(original, "ab12-w320.avif")).toBe(true);
    expect(isVariantOf(original, "ab12-w1000.webp")).toBe(true);
    expect(isVariantOf(original, "ab12.png")).toBe(false);
    expect(isVariantOf(original, "ab123-w320.avif")).toBe(false);
    expect(isVariantOf(original, "ab12-w320.png")).toBe(false);
    expect(isVariantOf(original, "ab12-w320.avif.tmp-12")).toBe(false);
    expect(isVariantOf(original, "xab12-w320.avif")).toBe(false);
  });

  it("lists every copy of one format with its width in a srcset", () => {
    expect(coverSrcSet("/media/covers/ab.png", 500, "avif")).toBe(
      "/media/covers/ab-w160.avif 160w, /media/covers/ab-w320.avif 320w, /media/covers/ab-w480.avif 480w, " +
        "/media/covers/ab-w500.avif 500w",
    );
  });
});

/** The width the browser computes from a `sizes` list at a viewport width (the subset of CSS used). */
function slotWidth(sizes: string, viewport: number): number {
  for (const entry of sizes.split(", ")) {
    const match = /^(?:\(min-width: (\d+)px\) )?(.+)$/.exec(entry);
    if (!match) throw new Error(entry);
    const [, min, length = ""] = match;
    if (min && viewport < Number(min)) continue;
    const calc = /^calc\(([\d.]+)vw - (\d+)px\)$/.exec(length);
    if (calc) return (Number(calc[1]) * viewport) / 100 - Number(calc[2]);
    return Number(length.replace("px", ""));
  }
  throw new Error("no entry applies");
}

describe("cover sizes", () => {
  // The grid's real card width: PageMain (max 1152 px, padding 16/24 px) split in 2/3/4 columns, 24 px gaps.
  const gridCard = (viewport: number) => {
    const padding = viewport >= 640 ? 48 : 32;
    const content = Math.min(viewport, 1152) - padding;
    const columns = viewport >= 1024 ? 4 : viewport >= 640 ? 3 : 2;
    return (content - 24 * (columns - 1)) / columns;
  };

  it.each([360, 412, 639, 640, 800, 1023, 1024, 1100, 1152, 1600])("grid cards at %i px wide", (viewport) => {
    expect(slotWidth(COVER_SIZES.grid, viewport)).toBeCloseTo(gridCard(viewport), 0);
  });

  it.each([
    [412, 380],
    [700, 652],
    [768, 288],
    [1400, 288],
  ])("the book page's cover at %i px wide is %i px", (viewport, width) => {
    expect(slotWidth(COVER_SIZES.book, viewport)).toBeCloseTo(width, 0);
  });
});
