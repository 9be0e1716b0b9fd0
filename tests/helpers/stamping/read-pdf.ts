/** Reads PDFs back the way a reader does (pdf.js): text per page as displayed, and the metadata. */
import { createRequire } from "node:module";
import path from "node:path";
import { decodePDFRawStream, PDFDocument, PDFName, PDFRawStream } from "pdf-lib";
import { getDocument, Util } from "pdfjs-dist/legacy/build/pdf.mjs";

const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
const FONTS = `${path.join(pdfjsRoot, "standard_fonts")}/`;

export interface PageText {
  rotate: number;
  width: number;
  height: number;
  /** Each text run with its position on the displayed page (x right, y DOWN from the top) and direction. */
  runs: { text: string; x: number; y: number; dx: number; dy: number; size: number }[];
  text: string;
}

function open(bytes: Uint8Array) {
  return getDocument({ data: new Uint8Array(bytes), standardFontDataUrl: FONTS, verbosity: 0 }).promise;
}

export async function readPdfPages(bytes: Uint8Array): Promise<PageText[]> {
  const doc = await open(bytes);
  const pages: PageText[] = [];
  for (let number = 1; number <= doc.numPages; number++) {
    const page = await doc.getPage(number);
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const runs = content.items
      .filter((item) => "str" in item && item.str.length > 0)
      .map((item) => {
        const run = item as { str: string; transform: number[] };
        const [a, b, , , e, f] = Util.transform(viewport.transform, run.transform);
        return { text: run.str, x: e, y: f, dx: a, dy: b, size: Math.hypot(a, b) };
      });
    pages.push({
      rotate: page.rotate,
      width: viewport.width,
      height: viewport.height,
      runs,
      text: runs.map((run) => run.text).join("\n"),
    });
  }
  await doc.destroy();
  return pages;
}

export async function readPdfMetadata(bytes: Uint8Array) {
  const doc = await open(bytes);
  const { info, metadata } = await doc.getMetadata();
  await doc.destroy();
  return { info: info as Record<string, unknown> & { Custom?: Record<string, string> }, xmp: metadata };
}

/** The catalog's XMP packet as written (pdf-lib reads the objects; pdf.js only gives parsed values). */
export async function readRawXmp(bytes: Uint8Array): Promise<string | undefined> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const stream = doc.catalog.lookup(PDFName.of("Metadata"));
  if (!(stream instanceof PDFRawStream)) return undefined;
  return new TextDecoder().decode(decodePDFRawStream(stream).decode());
}
