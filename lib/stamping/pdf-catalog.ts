import { PDFArray, PDFDict, PDFName, PDFNumber, PDFString, type PDFDocument } from "pdf-lib";

/** A signed PDF: AcroForm's SigFlags has SignaturesExist (bit 1). Rewriting it would break the signature. */
export function isSigned(doc: PDFDocument): boolean {
  try {
    const form = doc.catalog.lookupMaybe(PDFName.of("AcroForm"), PDFDict);
    const flags = form?.lookupMaybe(PDFName.of("SigFlags"), PDFNumber);
    return flags !== undefined && (flags.asNumber() & 1) === 1;
  } catch {
    return false; // A malformed form dictionary signs nothing.
  }
}

/**
 * With a notice page in front, the book's own page labels (roman front matter, then 1, 2, …) would each
 * land one page early: shift every range by one and label the notice page "Notice". Only a flat /Nums
 * tree is adjusted (what writers produce); a tree with /Kids is left as it is.
 */
export function shiftPageLabels(doc: PDFDocument): void {
  try {
    shiftFlatPageLabels(doc);
  } catch {
    // Malformed labels: readers ignore them, and so does the stamp.
  }
}

function shiftFlatPageLabels(doc: PDFDocument): void {
  const labels = doc.catalog.lookupMaybe(PDFName.of("PageLabels"), PDFDict);
  const nums = labels?.lookupMaybe(PDFName.of("Nums"), PDFArray);
  if (!labels || !nums || labels.has(PDFName.of("Kids"))) return;
  for (let index = 0; index + 1 < nums.size(); index += 2) {
    const start = nums.lookupMaybe(index, PDFNumber);
    if (start) nums.set(index, PDFNumber.of(start.asNumber() + 1));
  }
  nums.insert(0, doc.context.obj({ P: PDFString.of("Notice") }));
  nums.insert(0, PDFNumber.of(0));
}
