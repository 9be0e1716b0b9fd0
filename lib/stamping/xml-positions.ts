import { SaxesParser, type SaxesTagNS } from "saxes";

/** One element as the OPF and XMP editors see it: where its start tag ends and its end tag starts. */
export interface ElementSpan {
  tag: SaxesTagNS;
  /** Index just after the start tag's `>`. */
  startTagEnd: number;
  /** Index of the end tag's `<` (for a self-closing tag, its own `<`). */
  endTagStart: number;
  parent: ElementSpan | undefined;
}

/**
 * Parses XML strictly (namespaces resolved) and reports every element's span, so an editor can insert text
 * at exact places and leave every other byte of the document as it was. Throws on malformed XML.
 */
export function elementSpans(xml: string): ElementSpan[] {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const spans: ElementSpan[] = [];
  const open: ElementSpan[] = [];
  let failure: Error | undefined;
  parser.on("error", (error) => {
    failure ??= error;
  });
  parser.on("opentag", (tag) => {
    const span = { tag, startTagEnd: parser.position, endTagStart: -1, parent: open.at(-1) };
    spans.push(span);
    open.push(span);
  });
  parser.on("closetag", (tag) => {
    const span = open.pop();
    if (!span) return;
    span.endTagStart = tag.isSelfClosing
      ? xml.lastIndexOf("<", parser.position - 1)
      : xml.lastIndexOf("</", parser.position - 1);
  });
  parser.write(xml).close();
  if (failure) throw failure;
  return spans;
}

/** Inserts texts at indexes of the original string (each index refers to the original). */
export function insertAt(text: string, insertions: { at: number; text: string }[]): string {
  let result = text;
  const ordered = insertions.map((insertion, order) => ({ ...insertion, order }));
  // From the end, so earlier indexes stay valid; at one index, in the order given.
  for (const insertion of ordered.sort((a, b) => b.at - a.at || b.order - a.order)) {
    result = result.slice(0, insertion.at) + insertion.text + result.slice(insertion.at);
  }
  return result;
}
