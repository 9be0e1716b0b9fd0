import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { inflateSync } from "node:zlib";
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
  StandardFonts,
  type PDFObject,
} from "pdf-lib";
import type { StoreDb } from "./store-db";

/** A real PDF of `pages` pages, each with a line of text, as a shop would sell. */
export async function makePdf(pages: number, title = "A Stamped Book"): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  for (let n = 1; n <= pages; n += 1) {
    doc.addPage([420, 595]).drawText(`${title}, page ${n}`, { x: 50, y: 500, size: 14, font });
  }
  return Buffer.from(await doc.save());
}

/** A PDF that declares itself encrypted (an /Encrypt dictionary in its trailer), as a shop might upload. */
export async function makeEncryptedPdf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.load(await makePdf(pages));
  const padding = PDFString.of("0".repeat(32));
  doc.context.trailerInfo.Encrypt = doc.context.register(
    doc.context.obj({ Filter: "Standard", V: 1, R: 2, O: padding, U: padding, P: -4 }),
  );
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

export interface StampingBook {
  productId: string;
  title: string;
  fileId: string;
  storageKey: string;
  bytes: Buffer;
  sha256: string;
}

/** A published book that stamps copies, with one PDF (or the bytes given) under PROTECTED_ROOT. */
export async function addStampingBook(
  db: StoreDb,
  protectedRoot: string,
  options: { bytes?: Buffer; pages?: number; noticePage?: boolean; epub?: boolean } = {},
): Promise<StampingBook> {
  const bytes = options.bytes ?? (await makePdf(options.pages ?? 3));
  const id = randomUUID().replaceAll("-", "");
  const extension = options.epub ? "epub" : "pdf";
  const storageKey = `imported/stamp-${id}.${extension}`;
  const file = path.join(protectedRoot, storageKey);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const title = `Stamped ${id.slice(0, 8)}`;
  const { id: productId } = await db.prisma.product.create({
    data: {
      slug: `stamped-${id}`,
      title,
      author: "A. Author",
      description: "A book whose copies carry their buyer's name.",
      priceCents: 900,
      published: true,
      stampCopies: true,
      stampNoticePage: options.noticePage ?? true,
    },
  });
  const fileId = await db.addFile(productId, storageKey, `stamped.${extension}`, bytes.length, sha256);
  if (options.epub) {
    await db.prisma.productFile.update({ where: { id: fileId }, data: { contentType: "application/epub+zip" } });
  }
  return { productId, title, fileId, storageKey, bytes, sha256 };
}

/** Decoded text of a PDF string or stream (Flate only: what pdf-lib and most producers write). */
function textOf(object: PDFObject | undefined): string {
  if (object instanceof PDFString || object instanceof PDFHexString) return object.decodeText();
  if (object instanceof PDFRawStream) {
    const filter = object.dict.get(PDFName.of("Filter"));
    const raw = Buffer.from(object.contents);
    return (filter === PDFName.of("FlateDecode") ? inflateSync(raw) : raw).toString("latin1");
  }
  return "";
}

/** The text a page shows: its content streams' string operands, hex (as pdf-lib writes them) or literal. */
function pageText(doc: PDFDocument, index: number): string {
  const contents = doc.getPage(index).node.get(PDFName.of("Contents"));
  const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
  const streams = refs.map((ref) => textOf(ref instanceof PDFRef ? doc.context.lookup(ref) : ref)).join("\n");
  const hex = [...streams.matchAll(/<([0-9A-Fa-f\s]*)>\s*Tj/g)].map((m) =>
    Buffer.from((m[1] ?? "").replace(/\s/g, ""), "hex").toString("latin1"),
  );
  const literal = [...streams.matchAll(/\(((?:\\.|[^\\)])*)\)\s*Tj/g)].map((m) => m[1] ?? "");
  return [...hex, ...literal].join(" ");
}

export interface PdfReading {
  pages: string[];
  /** Every string of the Info dictionary, by key. */
  info: Record<string, string>;
  /** The catalog's XMP metadata packet, or "". */
  xmp: string;
}

/** What a buyer (or a shop checking a leaked file) can read out of a PDF. */
export async function readPdf(bytes: Uint8Array): Promise<PdfReading> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const pages = doc.getPages().map((_, index) => pageText(doc, index));
  const infoRef = doc.context.trailerInfo.Info;
  const infoDict = infoRef ? doc.context.lookup(infoRef) : undefined;
  const info: Record<string, string> = {};
  if (infoDict instanceof PDFDict) {
    for (const [key, value] of infoDict.entries()) info[key.decodeText()] = textOf(value);
  }
  const metadata = doc.catalog.get(PDFName.of("Metadata"));
  const xmp = textOf(metadata instanceof PDFRef ? doc.context.lookup(metadata) : metadata);
  return { pages, info, xmp };
}
