import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { sniffImageType, sniffSellableType } from "@/lib/storage/sniff";
import { makeEpub } from "../../prisma/seed/epub";

/** One zip local file header followed by its data: enough for the sniffer, which reads only the first entry. */
function zipWithFirstEntry(name: string, data: Buffer, { deflate = false, extra = Buffer.alloc(0) } = {}): Buffer {
  const body = deflate ? deflateRawSync(data) : data;
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(deflate ? 8 : 0, 8);
  header.writeUInt32LE(body.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(Buffer.byteLength(name), 26);
  header.writeUInt16LE(extra.length, 28);
  return Buffer.concat([header, Buffer.from(name), extra, body, Buffer.alloc(64)]);
}

describe("sellable files are recognised by content", () => {
  it("accepts a PDF", () => {
    expect(sniffSellableType(Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj"))).toMatchObject({
      contentType: "application/pdf",
      extension: "pdf",
    });
  });

  it("accepts an EPUB: a zip whose first entry is a stored `mimetype` holding application/epub+zip", () => {
    expect(sniffSellableType(makeEpub("Title", "Author"))).toMatchObject({
      contentType: "application/epub+zip",
      extension: "epub",
    });
    const withExtraField = zipWithFirstEntry("mimetype", Buffer.from("application/epub+zip"), {
      extra: Buffer.alloc(12, 1),
    });
    expect(sniffSellableType(withExtraField)?.extension).toBe("epub");
  });

  it.each([
    ["a Windows executable renamed .pdf", Buffer.concat([Buffer.from("MZ\x90\x00\x03"), Buffer.alloc(200)])],
    ["plain text", Buffer.from("Just some notes, not a PDF at all.")],
    ["an HTML page", Buffer.from("<!doctype html><title>%PDF-</title>")],
    ["%PDF- not at the start", Buffer.from(" %PDF-1.7")],
    ["any other zip (a .docx)", zipWithFirstEntry("[Content_Types].xml", Buffer.from("<Types/>"))],
    [
      "a zip whose mimetype entry says something else",
      zipWithFirstEntry("mimetype", Buffer.from("application/vnd.oasis.opendocument.text")),
    ],
    [
      "a zip whose mimetype entry is compressed",
      zipWithFirstEntry("mimetype", Buffer.from("application/epub+zip"), { deflate: true }),
    ],
    ["an empty file", Buffer.alloc(0)],
    ["a truncated zip header", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14])],
  ])("refuses %s", (_name, bytes) => {
    expect(sniffSellableType(bytes)).toBeNull();
  });
});

describe("cover images are recognised by content", () => {
  it.each([
    ["PNG", Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), "image/png"],
    ["JPEG", Buffer.from("ffd8ffe000104a464946", "hex"), "image/jpeg"],
    ["WebP", Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WEBPVP8 ")]), "image/webp"],
  ])("accepts %s", (_name, bytes, type) => {
    expect(sniffImageType(bytes)?.contentType).toBe(type);
  });

  it.each([
    [
      "SVG (it can carry script)",
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ],
    ["GIF", Buffer.from("GIF89a\x01\x00\x01\x00")],
    ["a PDF", Buffer.from("%PDF-1.7")],
    [
      "a RIFF file that is not WebP (WAV)",
      Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WAVEfmt ")]),
    ],
  ])("refuses %s", (_name, bytes) => {
    expect(sniffImageType(bytes)).toBeNull();
  });
});
