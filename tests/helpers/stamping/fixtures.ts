/** Test and benchmark sources, made on the fly (no binary fixtures in the repository). */
import { PDFDocument, StandardFonts, degrees } from "pdf-lib";
import { ZipFile } from "yazl";

export interface PdfPageSpec {
  size?: [number, number];
  rotate?: number;
  cropBox?: [number, number, number, number];
}

/** A PDF with one line of body text per page (and Title/Author in its Info). */
export async function makePdf(pages: PdfPageSpec[] | number, info = { title: "A Test Book", author: "Ann Author" }) {
  const doc = await PDFDocument.create();
  doc.setTitle(info.title);
  doc.setAuthor(info.author);
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  const specs: PdfPageSpec[] = typeof pages === "number" ? Array.from({ length: pages }, () => ({})) : pages;
  specs.forEach((spec, index) => {
    const page = doc.addPage(spec.size ?? [420, 595]);
    if (spec.rotate) page.setRotation(degrees(spec.rotate));
    if (spec.cropBox) page.setCropBox(...spec.cropBox);
    const top = page.getHeight() - 60;
    for (let line = 0; line < 30 && top - line * 14 > 60; line++) {
      page.drawText(`Page ${index + 1}, line ${line + 1}: the quick brown fox jumps over the lazy dog.`, {
        x: 40,
        y: top - line * 14,
        size: 10,
        font,
      });
    }
  });
  return doc.save();
}

export interface EpubSpec {
  version: 2 | 3;
  /** Chapter XHTML files. */
  chapters?: number;
  /** Extra binary entries (images), stored as given. */
  images?: { name: string; bytes: Uint8Array }[];
  /** Put the OPF under this folder (default OEBPS). */
  folder?: string;
  /** Replace the generated OPF text. */
  opf?: string;
  /** Leave out entries by name. */
  omit?: string[];
  /** Extra entries (deflated), e.g. META-INF/encryption.xml. */
  extra?: Record<string, string>;
}

export function opfFor(spec: EpubSpec): string {
  const chapters = Array.from({ length: spec.chapters ?? 3 }, (_, i) => i + 1);
  const images = spec.images ?? [];
  const nav =
    spec.version === 3 ? '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>' : "";
  const chapterItems = chapters.map(
    (n) => `    <item id="c${n}" href="text/chapter-${n}.xhtml" media-type="application/xhtml+xml"/>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="${spec.version === 3 ? "3.0" : "2.0"}" unique-identifier="uid">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:uuid:12345678-1234-1234-1234-123456789abc</dc:identifier>
    <dc:title>Chapters &amp; Verses</dc:title>
    <dc:language>en</dc:language>
    ${spec.version === 3 ? '<meta property="dcterms:modified">2026-01-01T00:00:00Z</meta>' : ""}
  </metadata>
  <manifest>
    ${nav}
    <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
${chapterItems.join("\n")}
${images.map((image, i) => `    <item id="img${i}" href="${image.name}" media-type="image/jpeg"/>`).join("\n")}
  </manifest>
  <spine toc="ncx">
${chapters.map((n) => `    <itemref idref="c${n}"/>`).join("\n")}
  </spine>
</package>
`;
}

function chapterXhtml(n: number): string {
  const paragraph = "It was a bright cold day in April, and the clocks were striking thirteen. ".repeat(20);
  return `<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Chapter ${n}</title></head>
<body><h1>Chapter ${n}</h1>${`<p>${paragraph}</p>`.repeat(20)}</body></html>
`;
}

const CONTAINER = (opfPath: string) => `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="${opfPath}" media-type="application/oebps-package+xml"/></rootfiles>
</container>
`;

/** An EPUB made with yazl (an independent writer): mimetype stored first, text deflated, images stored. */
export async function makeEpub(spec: EpubSpec): Promise<Uint8Array> {
  const folder = spec.folder ?? "OEBPS";
  const prefix = folder ? `${folder}/` : "";
  const zip = new ZipFile();
  const omit = new Set(spec.omit ?? []);
  const add = (name: string, content: string | Uint8Array, compress: boolean) => {
    if (!omit.has(name)) zip.addBuffer(Buffer.from(content), name, { compress, mtime: new Date(2026, 0, 1) });
  };
  add("mimetype", "application/epub+zip", false);
  add("META-INF/container.xml", CONTAINER(`${prefix}content.opf`), true);
  add(`${prefix}content.opf`, spec.opf ?? opfFor(spec), true);
  add(
    `${prefix}toc.ncx`,
    '<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"/>',
    true,
  );
  if (spec.version === 3) {
    add(
      `${prefix}nav.xhtml`,
      '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Contents</title></head><body/></html>',
      true,
    );
  }
  for (let n = 1; n <= (spec.chapters ?? 3); n++) add(`${prefix}text/chapter-${n}.xhtml`, chapterXhtml(n), true);
  for (const image of spec.images ?? []) add(`${prefix}${image.name}`, image.bytes, false);
  for (const [name, content] of Object.entries(spec.extra ?? {})) add(name, content, true);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
