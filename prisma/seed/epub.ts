import { crc32 } from "node:zlib";

interface Entry {
  name: string;
  data: Buffer;
}

/**
 * A minimal EPUB 3: a stored (uncompressed) zip whose first entry is `mimetype`, as the spec requires.
 * Written by hand because no zip package is a dependency and stored entries need only headers and CRCs.
 */
export function makeEpub(title: string, author: string): Buffer {
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const entries: Entry[] = [
    { name: "mimetype", data: Buffer.from("application/epub+zip") },
    {
      name: "META-INF/container.xml",
      data: Buffer.from(
        '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">' +
          '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>' +
          "</rootfiles></container>",
      ),
    },
    {
      name: "OEBPS/content.opf",
      data: Buffer.from(
        [
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">',
          '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">',
          `<dc:identifier id="id">urn:bindery:${escape(title)}</dc:identifier>`,
          `<dc:title>${escape(title)}</dc:title><dc:creator>${escape(author)}</dc:creator>`,
          '<dc:language>en</dc:language><meta property="dcterms:modified">2026-01-01T00:00:00Z</meta></metadata>',
          '<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
          '<item id="c1" href="chapter1.xhtml" media-type="application/xhtml+xml"/></manifest>',
          '<spine><itemref idref="c1"/></spine></package>',
        ].join(""),
      ),
    },
    {
      name: "OEBPS/nav.xhtml",
      data: Buffer.from(
        [
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">',
          `<head><title>${escape(title)}</title></head>`,
          '<body><nav epub:type="toc"><ol><li><a href="chapter1.xhtml">Chapter 1</a></li></ol></nav></body></html>',
        ].join(""),
      ),
    },
    {
      name: "OEBPS/chapter1.xhtml",
      data: Buffer.from(
        [
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Chapter 1</title></head>',
          `<body><h1>${escape(title)}</h1><p>by ${escape(author)}</p>`,
          `<p>${"A sample chapter for the Bindery demo. ".repeat(40)}</p></body></html>`,
        ].join(""),
      ),
    },
  ];
  return zipStored(entries);
}

function zipStored(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralSize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
