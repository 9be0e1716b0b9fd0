import { degrees, grayscale, type PDFFont, type PDFPage } from "pdf-lib";

const MAX_SIZE = 7.5;
const MIN_SIZE = 4;

/**
 * Where a point given in the page as it is displayed (u to the right, v up, from the bottom-left corner of
 * the visible area) lies in the page's own coordinates, and which way displayed text runs there. /Rotate
 * turns the page clockwise for display, so the displayed bottom edge is a different edge of the CropBox.
 */
export function displayToPage(
  box: { x: number; y: number; width: number; height: number },
  rotation: number,
  u: number,
  v: number,
): { x: number; y: number; angle: number } {
  const right = box.x + box.width;
  const top = box.y + box.height;
  switch (rotation) {
    case 90:
      return { x: right - v, y: box.y + u, angle: 90 };
    case 180:
      return { x: right - u, y: top - v, angle: 180 };
    case 270:
      return { x: box.x + v, y: top - u, angle: 270 };
    default:
      return { x: box.x + u, y: box.y + v, angle: 0 };
  }
}

/** /Rotate as 0, 90, 180 or 270 (it may be negative or above 360; anything else is invalid and ignored). */
export function normalRotation(angle: number): number {
  const turned = ((Math.round(angle) % 360) + 360) % 360;
  return turned % 90 === 0 ? turned : 0;
}

/** The visible area (CropBox, else MediaBox) with its corners in order, whichever way the file wrote them. */
export function visibleBox(page: PDFPage): { x: number; y: number; width: number; height: number } {
  const box = page.getCropBox();
  return {
    x: Math.min(box.x, box.x + box.width),
    y: Math.min(box.y, box.y + box.height),
    width: Math.abs(box.width),
    height: Math.abs(box.height),
  };
}

/**
 * The footer, small and grey, centred in the bottom margin of the page as displayed: the baseline sits
 * 1.5% of the page's height above its bottom edge (6–12 pt), below the text area of any ordinary layout.
 * The font shrinks (down to 4 pt) to fit narrow pages.
 */
export function drawFooter(page: PDFPage, font: PDFFont, text: string): void {
  const box = visibleBox(page);
  const rotation = normalRotation(page.getRotation().angle);
  const [width, height] = rotation % 180 === 0 ? [box.width, box.height] : [box.height, box.width];
  const margin = Math.min(18, width * 0.05);
  const widthAtOne = font.widthOfTextAtSize(text, 1);
  const size = Math.max(MIN_SIZE, Math.min(MAX_SIZE, (width - 2 * margin) / widthAtOne));
  const u = Math.max(margin, (width - widthAtOne * size) / 2);
  const v = Math.max(6, Math.min(12, height * 0.015));
  const { x, y, angle } = displayToPage(box, rotation, u, v);
  page.drawText(text, { x, y, size, font, color: grayscale(0.35), rotate: degrees(angle) });
}
