import path from "node:path/posix";
import { StampError, type Stamp } from "./model";
import { escapeXml } from "./text";
import { elementSpans, insertAt, type ElementSpan } from "./xml-positions";

const CONTAINER_NS = "urn:oasis:names:tc:opendocument:xmlns:container";
const OPF_NS = "http://www.idpf.org/2007/opf";
const DC_NS = "http://purl.org/dc/elements/1.1/";
const OPF_MEDIA_TYPE = "application/oebps-package+xml";

/** The package document's path in the ZIP, from META-INF/container.xml. */
export function packagePath(containerXml: string): string {
  const spans = parseOrDamaged(containerXml, "META-INF/container.xml");
  const rootfiles = spans.filter((span) => span.tag.uri === CONTAINER_NS && span.tag.local === "rootfile");
  const chosen =
    rootfiles.find((span) => attribute(span, "media-type") === OPF_MEDIA_TYPE) ??
    rootfiles.find((span) => attribute(span, "full-path")?.toLowerCase().endsWith(".opf"));
  const fullPath = chosen && attribute(chosen, "full-path");
  if (!fullPath) throw new StampError("damaged", "The EPUB's container.xml names no package document.");
  return fullPath;
}

/** Font obfuscation (IDPF and Adobe) is not encryption: the fonts are copied as they are and keep working. */
const FONT_OBFUSCATION = new Set(["http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"]);

/** Whether META-INF/encryption.xml encrypts content (DRM), as opposed to only obfuscating fonts. */
export function encryptsContent(encryptionXml: string): boolean {
  const spans = parseOrDamaged(encryptionXml, "META-INF/encryption.xml");
  return spans.some(
    (span) => span.tag.local === "EncryptionMethod" && !FONT_OBFUSCATION.has(attribute(span, "Algorithm") ?? ""),
  );
}

/** What the stamp adds to the package: a notice page at the front of the spine (or none). */
export interface NoticePage {
  /** Path in the ZIP. */
  zipPath: string;
  /** Manifest id. */
  id: string;
}

export interface PackageInfo {
  version: 2 | 3;
  /** Manifest ids in use. */
  ids: Set<string>;
}

/** The package's EPUB version and ids in use (to name a new manifest item). */
export function readPackage(opf: string, opfPath: string): PackageInfo {
  const spans = parseOrDamaged(opf, opfPath);
  const root = spans[0];
  if (!root || root.tag.uri !== OPF_NS || root.tag.local !== "package") {
    throw new StampError("damaged", `${opfPath} is not an EPUB package document.`);
  }
  const version = (attribute(root, "version") ?? "").trim().startsWith("3") ? 3 : 2;
  const ids = new Set(spans.map((span) => attribute(span, "id")).filter((id): id is string => Boolean(id)));
  return { version, ids };
}

/**
 * The package document with the buyer and order in its metadata (dc:rights and meta name/content, valid in
 * EPUB 2 and 3) and the notice page first in the spine. Text is inserted: every other byte stays as it was.
 */
export function stampPackage(opf: string, opfPath: string, stamp: Stamp, notice: NoticePage | undefined): string {
  const spans = parseOrDamaged(opf, opfPath);
  const metadata = opfChild(spans, "metadata", opfPath);
  const manifest = opfChild(spans, "manifest", opfPath);
  const spine = opfChild(spans, "spine", opfPath);
  const rights = `Licensed to ${stamp.licensedTo} for personal use; order ${stamp.orderId}, ${stamp.shopName}.`;
  const meta = (name: string, content: string) =>
    `<${qualified(metadata, "meta")} name="bindery:${name}" content="${escapeXml(content)}"/>`;
  const insertions = [
    {
      at: metadata.endTagStart,
      text:
        `  <dc:rights xmlns:dc="${DC_NS}">${escapeXml(rights)}</dc:rights>\n` +
        `    ${meta("licensed-to", stamp.licensedTo)}\n    ${meta("licensed-email", stamp.email)}\n` +
        `    ${meta("order", stamp.orderId)}\n  `,
    },
  ];
  if (notice) {
    const href = path.relative(path.dirname(opfPath), notice.zipPath);
    insertions.push(
      {
        at: manifest.endTagStart,
        text:
          `  <${qualified(manifest, "item")} id="${escapeXml(notice.id)}" href="${escapeXml(encodeURI(href))}" ` +
          `media-type="application/xhtml+xml"/>\n  `,
      },
      {
        at: spine.startTagEnd,
        text: `\n    <${qualified(spine, "itemref")} idref="${escapeXml(notice.id)}" linear="yes"/>`,
      },
    );
  }
  return insertAt(opf, insertions);
}

function opfChild(spans: ElementSpan[], local: string, opfPath: string): ElementSpan {
  const span = spans.find((candidate) => candidate.tag.uri === OPF_NS && candidate.tag.local === local);
  if (!span) throw new StampError("damaged", `${opfPath} has no ${local}.`);
  if (span.tag.isSelfClosing) throw new StampError("damaged", `${opfPath} has an empty ${local}.`);
  return span;
}

/** A sibling element's name with the same prefix as its parent (an OPF may use `opf:` throughout). */
function qualified(parent: ElementSpan, local: string): string {
  return parent.tag.prefix ? `${parent.tag.prefix}:${local}` : local;
}

function attribute(span: ElementSpan, local: string): string | undefined {
  return Object.values(span.tag.attributes).find((attr) => attr.local === local && attr.uri === "")?.value;
}

function parseOrDamaged(xml: string, where: string): ElementSpan[] {
  try {
    return elementSpans(xml);
  } catch (error) {
    throw new StampError("damaged", `${where} is not well-formed XML.`, { cause: error });
  }
}
