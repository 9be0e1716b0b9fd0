import {
  decodePDFRawStream,
  EncryptedPDFError,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFStream,
  StandardFonts,
} from "pdf-lib";
import { StampError, type Stamp } from "./model";
import { isSigned, shiftPageLabels } from "./pdf-catalog";
import { drawFooter } from "./pdf-footer";
import { addNoticePage } from "./pdf-notice";
import { printable, printableName } from "./pdf-text";
import { cleanStamp } from "./text";
import { extendXmpPacket, newXmpPacket } from "./xmp";

/**
 * A stamped PDF: the footer on every page, the notice page first (if asked), the buyer in the Info
 * dictionary and in the XMP metadata. The document is rewritten whole by pdf-lib (it must be in memory).
 */
export async function stampPdf(source: Uint8Array, input: Stamp): Promise<Uint8Array> {
  const stamp = cleanStamp(input);
  const doc = await loadPdf(source);
  try {
    const regular = await doc.embedFont(StandardFonts.Helvetica);
    const printed: Stamp = {
      ...stamp,
      licensedTo: printableName(regular, stamp.licensedTo, stamp.email),
      email: printable(regular, stamp.email),
      orderId: printable(regular, stamp.orderId),
      shopName: printable(regular, stamp.shopName),
    };
    const footer = `Licensed to ${printed.licensedTo} · order ${printed.orderId}`;
    if (stamp.noticePage) {
      addNoticePage(doc, { regular, bold: await doc.embedFont(StandardFonts.HelveticaBold) }, printed);
      shiftPageLabels(doc);
    }
    for (const page of doc.getPages()) drawFooter(page, regular, footer);
    writeInfo(doc, stamp);
    writeXmp(doc, stamp);
    return await doc.save();
  } catch (error) {
    if (error instanceof StampError) throw error;
    throw new StampError("damaged", "The PDF could not be stamped: its structure is damaged.", { cause: error });
  }
}

/** Parses the PDF; refuses encrypted ones explicitly (pdf-lib would otherwise write them corrupted). */
async function loadPdf(source: Uint8Array): Promise<PDFDocument> {
  if (!hasPdfHeader(source)) throw new StampError("damaged", "The file is not a PDF (no %PDF- header).");
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(source, { ignoreEncryption: true, updateMetadata: false });
  } catch (error) {
    if (error instanceof EncryptedPDFError) throw new StampError("encrypted", undefined, { cause: error });
    throw new StampError("damaged", "The PDF cannot be parsed.", { cause: error });
  }
  if (doc.isEncrypted) throw new StampError("encrypted", "The PDF is encrypted: stamping it would corrupt it.");
  let pages: number;
  try {
    pages = doc.getPageCount();
  } catch (error) {
    throw new StampError("damaged", "The PDF's page tree is damaged.", { cause: error });
  }
  if (pages === 0) throw new StampError("damaged", "The PDF has no readable pages.");
  if (isSigned(doc)) {
    throw new StampError("unsupported", "The PDF is digitally signed: stamping it would invalidate the signature.");
  }
  return doc;
}

function hasPdfHeader(source: Uint8Array): boolean {
  return Buffer.from(source.buffer, source.byteOffset, Math.min(source.byteLength, 1024)).includes("%PDF-");
}

/** Custom Info keys (UTF-16 text, any script), Subject and Keywords when the document has none. */
function writeInfo(doc: PDFDocument, stamp: Stamp): void {
  const summary = `Licensed to ${stamp.licensedTo} · order ${stamp.orderId}`;
  if (!doc.getSubject()) doc.setSubject(summary);
  const keywords = doc.getKeywords();
  doc.setKeywords([...(keywords ? [keywords] : []), `order ${stamp.orderId}`]);
  doc.setModificationDate(new Date());
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  info.set(PDFName.of("LicensedTo"), PDFHexString.fromText(stamp.licensedTo));
  info.set(PDFName.of("LicensedEmail"), PDFHexString.fromText(stamp.email));
  info.set(PDFName.of("OrderId"), PDFHexString.fromText(stamp.orderId));
  info.set(PDFName.of("LicensedBy"), PDFHexString.fromText(stamp.shopName));
}

/** The catalog's /Metadata: the document's XMP extended, or a new packet keeping its title and author. */
function writeXmp(doc: PDFDocument, stamp: Stamp): void {
  const existing = existingXmp(doc);
  const packet =
    (existing && extendXmpPacket(existing, stamp)) ??
    newXmpPacket(stamp, { title: doc.getTitle(), author: doc.getAuthor() });
  // XMP stays uncompressed so tools that scan for packets find it.
  const stream = doc.context.stream(new TextEncoder().encode(packet), { Type: "Metadata", Subtype: "XML" });
  doc.catalog.set(PDFName.of("Metadata"), doc.context.register(stream));
}

function existingXmp(doc: PDFDocument): string | undefined {
  try {
    const stream = doc.catalog.lookupMaybe(PDFName.of("Metadata"), PDFStream);
    if (!(stream instanceof PDFRawStream)) return undefined;
    return new TextDecoder("utf-8", { fatal: true }).decode(decodePDFRawStream(stream).decode());
  } catch {
    return undefined;
  }
}
