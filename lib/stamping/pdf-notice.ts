import { grayscale, type PDFDocument, type PDFFont } from "pdf-lib";
import { normalRotation, visibleBox } from "./pdf-footer";
import type { Stamp } from "./model";
import { noticeWording } from "./notice-text";
import { printable } from "./pdf-text";

/** The notice page, first, the size of the book's first page as displayed. */
export function addNoticePage(doc: PDFDocument, fonts: { regular: PDFFont; bold: PDFFont }, stamp: Stamp): void {
  const first = doc.getPage(0);
  const box = visibleBox(first);
  const [width, height] =
    normalRotation(first.getRotation().angle) % 180 === 0 ? [box.width, box.height] : [box.height, box.width];
  const page = doc.insertPage(0, [width, height]);
  const margin = Math.max(24, width * 0.1);
  const scale = Math.min(1, width / 420);
  const { heading, paragraphs } = noticeWording(stamp);
  let y = height - margin - 18 * scale;
  page.drawText(printable(fonts.bold, heading), { x: margin, y, size: 18 * scale, font: fonts.bold });
  y -= 30 * scale;
  const size = 11 * scale;
  for (const paragraph of paragraphs) {
    for (const line of wrap(fonts.regular, printable(fonts.regular, paragraph), size, width - 2 * margin)) {
      page.drawText(line, { x: margin, y, size, font: fonts.regular, color: grayscale(0.15) });
      y -= size * 1.4;
    }
    y -= size * 0.8;
  }
}

/** Greedy line breaking at spaces; a word longer than a line gets a line of its own. */
function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}
