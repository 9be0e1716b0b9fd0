/**
 * A structural EPUB check for tests: the OCF rules an e-reader relies on, and well-formed XML throughout
 * (saxes, a strict parser). Throws with the first problem; returns what it read for further assertions.
 */
import path from "node:path/posix";
import { SaxesParser, type SaxesTagNS } from "saxes";
import { readZip, type ZipContent } from "./read-zip";

const OPF_NS = "http://www.idpf.org/2007/opf";

export interface ParsedXml {
  elements: { tag: SaxesTagNS; text: string }[];
}

/** Parses strictly (throws on any well-formedness error) and lists elements with their direct text. */
export function parseXml(xml: string): ParsedXml {
  const parser = new SaxesParser({ xmlns: true });
  const elements: ParsedXml["elements"] = [];
  const open: ParsedXml["elements"] = [];
  parser.on("error", (error) => {
    throw error;
  });
  parser.on("opentag", (tag) => {
    const element = { tag, text: "" };
    elements.push(element);
    open.push(element);
  });
  parser.on("text", (text) => {
    const current = open.at(-1);
    if (current) current.text += text;
  });
  parser.on("closetag", () => open.pop());
  parser.write(xml).close();
  return { elements };
}

export function attr(tag: SaxesTagNS, local: string): string | undefined {
  return Object.values(tag.attributes).find((a) => a.local === local && a.uri === "")?.value;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing ${what}`);
  return value;
}

export interface ValidEpub {
  zip: ZipContent;
  opfPath: string;
  opf: ParsedXml;
  opfText: string;
  version: string;
  manifest: Map<string, { href: string; zipPath: string; mediaType: string }>;
  spine: { idref: string; linear?: string }[];
}

export async function validateEpub(bytes: Uint8Array): Promise<ValidEpub> {
  const buffer = Buffer.from(bytes);
  // The first local header: "mimetype", stored, no extra field, exact content, nothing before it.
  const expected = "application/epub+zip";
  if (buffer.readUInt32LE(0) !== 0x04034b50) throw new Error("does not start with a local file header");
  if (buffer.readUInt16LE(8) !== 0) throw new Error("mimetype is compressed");
  if (buffer.readUInt16LE(26) !== 8 || buffer.toString("ascii", 30, 38) !== "mimetype") {
    throw new Error("first entry is not mimetype");
  }
  if (buffer.readUInt16LE(28) !== 0) throw new Error("mimetype has an extra field");
  if (buffer.readUInt32LE(18) !== expected.length || buffer.toString("ascii", 38, 38 + expected.length) !== expected) {
    throw new Error("mimetype content is wrong");
  }
  const zip = await readZip(bytes);
  if (zip.entries[0].fileName !== "mimetype" || zip.entries[0].compressionMethod !== 0) {
    throw new Error("central directory: mimetype not first or not stored");
  }
  const names = zip.entries.map((entry) => entry.fileName);
  if (new Set(names).size !== names.length) throw new Error("duplicate entry names");

  const container = zip.files.get("META-INF/container.xml");
  if (!container) throw new Error("no META-INF/container.xml");
  const rootfile = parseXml(container.toString("utf8")).elements.find((e) => e.tag.local === "rootfile");
  const opfPath = rootfile && attr(rootfile.tag, "full-path");
  if (!opfPath || !zip.files.has(opfPath)) throw new Error(`container names a missing OPF: ${opfPath}`);
  const opfText = required(zip.files.get(opfPath), opfPath)
    .toString("utf8")
    .replace(/^\ufeff/, "");
  const opf = parseXml(opfText);
  const root = opf.elements[0];
  if (root.tag.uri !== OPF_NS || root.tag.local !== "package") throw new Error("OPF root is not package");

  const manifest: ValidEpub["manifest"] = new Map();
  for (const item of opf.elements.filter((e) => e.tag.uri === OPF_NS && e.tag.local === "item")) {
    const id = required(attr(item.tag, "id"), "manifest item id");
    const href = required(attr(item.tag, "href"), `href of ${id}`);
    if (manifest.has(id)) throw new Error(`duplicate manifest id ${id}`);
    const zipPath = path.normalize(path.join(path.dirname(opfPath), decodeURI(href)));
    if (!zip.files.has(zipPath)) throw new Error(`manifest item ${id} points to missing ${zipPath}`);
    manifest.set(id, { href, zipPath, mediaType: required(attr(item.tag, "media-type"), `media-type of ${id}`) });
  }
  const spine = opf.elements
    .filter((e) => e.tag.uri === OPF_NS && e.tag.local === "itemref")
    .map((e) => ({ idref: required(attr(e.tag, "idref"), "itemref idref"), linear: attr(e.tag, "linear") }));
  if (spine.length === 0) throw new Error("empty spine");
  for (const { idref } of spine) if (!manifest.has(idref)) throw new Error(`spine idref ${idref} not in manifest`);
  for (const [id, item] of manifest) {
    if (item.mediaType === "application/xhtml+xml") {
      try {
        parseXml(required(zip.files.get(item.zipPath), item.zipPath).toString("utf8"));
      } catch (error) {
        throw new Error(`${id} is not well-formed: ${(error as Error).message}`);
      }
    }
  }
  return { zip, opfPath, opf, opfText, version: attr(root.tag, "version") ?? "", manifest, spine };
}
