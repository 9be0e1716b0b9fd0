import type { Stamp } from "./model";
import { cleanField, escapeXml } from "./text";
import { elementSpans, insertAt } from "./xml-positions";

/** The namespace of Bindery's own XMP properties. */
// A .invalid host (RFC 2606): a name no one else can own, never fetched.
export const BINDERY_XMP_NS = "http://ns.bindery.invalid/stamp/1.0/";
const RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const DC_NS = "http://purl.org/dc/elements/1.1/";

function rightsText(stamp: Stamp): string {
  return `Licensed to ${stamp.licensedTo} for personal use; order ${stamp.orderId}, ${stamp.shopName}.`;
}

function binderyProperties(stamp: Stamp): string {
  return [
    `<bindery:licensedTo>${escapeXml(stamp.licensedTo)}</bindery:licensedTo>`,
    `<bindery:email>${escapeXml(stamp.email)}</bindery:email>`,
    `<bindery:orderId>${escapeXml(stamp.orderId)}</bindery:orderId>`,
    `<bindery:shop>${escapeXml(stamp.shopName)}</bindery:shop>`,
  ].join("\n      ");
}

function dcRights(stamp: Stamp): string {
  const rights = `<rdf:li xml:lang="x-default">${escapeXml(rightsText(stamp))}</rdf:li>`;
  return `<dc:rights><rdf:Alt>${rights}</rdf:Alt></dc:rights>`;
}

/** A new XMP packet: the document's title and author (dc), the rights statement and the buyer (bindery). */
export function newXmpPacket(stamp: Stamp, info: { title?: string; author?: string }): string {
  // The Info strings may hold characters XML cannot carry.
  const document = { title: info.title && cleanField(info.title), author: info.author && cleanField(info.author) };
  const dc = [
    document.title &&
      `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(document.title)}</rdf:li></rdf:Alt></dc:title>`,
    document.author && `<dc:creator><rdf:Seq><rdf:li>${escapeXml(document.author)}</rdf:li></rdf:Seq></dc:creator>`,
    dcRights(stamp),
  ].filter(Boolean);
  return [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    `  <rdf:RDF xmlns:rdf="${RDF_NS}">`,
    `    <rdf:Description rdf:about="" xmlns:dc="${DC_NS}" xmlns:bindery="${BINDERY_XMP_NS}">`,
    `      ${dc.join("\n      ")}`,
    `      ${binderyProperties(stamp)}`,
    "    </rdf:Description>",
    "  </rdf:RDF>",
    "</x:xmpmeta>",
    '<?xpacket end="w"?>',
  ].join("\n");
}

/**
 * The document's own XMP with one more rdf:Description (the buyer, and dc:rights unless it has one),
 * everything else kept; undefined when it is not XMP this can extend safely (then a new packet replaces it).
 */
export function extendXmpPacket(existing: string, stamp: Stamp): string | undefined {
  let spans;
  try {
    spans = elementSpans(existing);
  } catch {
    return undefined;
  }
  const rdf = spans.find((span) => span.tag.uri === RDF_NS && span.tag.local === "RDF");
  if (!rdf || rdf.tag.isSelfClosing) return undefined;
  if (spans.some((span) => span.tag.uri === BINDERY_XMP_NS)) return undefined;
  const hasRights = spans.some((span) => span.tag.uri === DC_NS && span.tag.local === "rights");
  // rdf: is declared on the element itself: the file may use another prefix for it.
  const text = [
    `<rdf:Description rdf:about="" xmlns:rdf="${RDF_NS}" xmlns:dc="${DC_NS}" xmlns:bindery="${BINDERY_XMP_NS}">`,
    hasRights ? "" : `  ${dcRights(stamp)}`,
    `  ${binderyProperties(stamp)}`,
    "</rdf:Description>",
  ]
    .filter(Boolean)
    .join("\n      ");
  const extended = insertAt(existing, [{ at: rdf.endTagStart, text: `  ${text}\n  ` }]);
  try {
    elementSpans(extended);
  } catch {
    return undefined;
  }
  return extended;
}
