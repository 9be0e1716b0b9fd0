import type { Stamp } from "./model";
import { noticeWording } from "./notice-text";
import { escapeXml } from "./text";

const XHTML11_DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">';

/** The notice page: XHTML5 for EPUB 3, XHTML 1.1 for EPUB 2. */
export function noticeXhtml(stamp: Stamp, version: 2 | 3): string {
  const { heading, paragraphs } = noticeWording(stamp);
  const head = version === 3 ? '<meta charset="UTF-8"/>' : "";
  const body = paragraphs.map((paragraph) => `    <p>${escapeXml(paragraph)}</p>`).join("\n");
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    version === 3 ? "<!DOCTYPE html>" : XHTML11_DOCTYPE,
    '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en"' + (version === 3 ? ' lang="en">' : ">"),
    `  <head>${head}<title>${escapeXml(heading)}</title></head>`,
    "  <body>",
    `    <h1>${escapeXml(heading)}</h1>`,
    body,
    "  </body>",
    "</html>",
    "",
  ].join("\n");
}
