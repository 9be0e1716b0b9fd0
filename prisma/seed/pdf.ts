import { createHash } from "node:crypto";
import { PDFDocument, StandardFonts, rgb } from "pdf-lib";

// pdf-lib's standard fonts only encode WinAnsi; titles in other scripts are shown transliterated.
function winAnsi(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[^\x20-\x7E]/g, "")
      .replace(/\s+/g, " ")
      .trim() || "Untitled"
  );
}

/** Deterministic filler so a large demo file has the same bytes on every seed. */
function filler(size: number): Uint8Array {
  const out = new Uint8Array(size);
  let block = createHash("sha256").update("bindery").digest();
  for (let offset = 0; offset < size; offset += block.length) {
    out.set(block.subarray(0, Math.min(block.length, size - offset)), offset);
    block = createHash("sha256").update(block).digest();
  }
  return out;
}

export async function makePdf(title: string, author: string, pages: number, paddingBytes = 0): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setAuthor(author);
  doc.setProducer("Bindery demo seed");
  const serif = await doc.embedFont(StandardFonts.TimesRoman);
  const bold = await doc.embedFont(StandardFonts.TimesRomanBold);

  const cover = doc.addPage([420, 595]);
  cover.drawText(winAnsi(title), { x: 40, y: 400, size: 24, font: bold, maxWidth: 340, lineHeight: 30 });
  cover.drawText(winAnsi(author), { x: 40, y: 340, size: 16, font: serif, color: rgb(0.3, 0.3, 0.3) });
  cover.drawText("Sold by Bindery", { x: 40, y: 60, size: 10, font: serif, color: rgb(0.5, 0.5, 0.5) });

  for (let n = 1; n < pages; n++) {
    const page = doc.addPage([420, 595]);
    page.drawText(`Chapter ${n}`, { x: 40, y: 530, size: 18, font: bold });
    const body = `This is page ${n + 1} of ${winAnsi(title)}. `.repeat(18);
    page.drawText(body, { x: 40, y: 490, size: 11, font: serif, maxWidth: 340, lineHeight: 15 });
    page.drawText(String(n + 1), { x: 205, y: 30, size: 9, font: serif });
  }
  if (paddingBytes > 0) {
    await doc.attach(filler(paddingBytes), "charts.bin", {
      mimeType: "application/octet-stream",
      description: "Chart data",
    });
  }
  return doc.save({ useObjectStreams: false });
}
