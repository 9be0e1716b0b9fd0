import { readFile, stat } from "node:fs/promises";
import { PDFDocument } from "pdf-lib";

/** Above this a PDF's pages are not counted: the whole file would be parsed in memory. */
export const PAGE_COUNT_MAX_BYTES = 200 * 1024 * 1024;

/** A PDF's pages from its bytes; null when it cannot be parsed (damaged, unusual) or has none. */
export async function countPdfPages(bytes: Uint8Array): Promise<number | null> {
  try {
    const pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    const pages = pdf.getPageCount();
    return pages > 0 ? pages : null;
  } catch {
    return null;
  }
}

/** The pages of the PDF at `file`, or null (too large to count, unreadable): never an error. */
export async function countPdfFilePages(file: string): Promise<number | null> {
  const stats = await stat(/*turbopackIgnore: true*/ file).catch(() => null);
  if (!stats || stats.size > PAGE_COUNT_MAX_BYTES) return null;
  const bytes = await readFile(/*turbopackIgnore: true*/ file).catch(() => null);
  return bytes ? countPdfPages(bytes) : null;
}
