import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { stampEpub } from "./epub";
import { StampError, type Stamp } from "./model";
import { makeEpub, opfFor, type EpubSpec } from "@/tests/helpers/stamping/fixtures";
import { readZip } from "@/tests/helpers/stamping/read-zip";
import { attr, parseXml, validateEpub } from "@/tests/helpers/stamping/validate-epub";

const stamp: Stamp = {
  licensedTo: "Zoë Buyer",
  email: "zoe@example.com",
  orderId: "ord_7Q2",
  shopName: "Bindery",
  noticePage: true,
  licensedAt: new Date("2026-11-05T10:00:00Z"),
};

async function expectStampError(promise: Promise<unknown>, reason: StampError["reason"]) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StampError);
  expect((error as StampError).reason).toBe(reason);
}

function metadataOf(opfXml: string) {
  const elements = parseXml(opfXml).elements;
  return {
    rights: elements.filter((e) => e.tag.local === "rights" && e.tag.uri === "http://purl.org/dc/elements/1.1/"),
    meta: Object.fromEntries(
      elements
        .filter((e) => e.tag.local === "meta" && e.tag.uri === "http://www.idpf.org/2007/opf" && attr(e.tag, "name"))
        .map((e) => [attr(e.tag, "name"), attr(e.tag, "content")]),
    ),
  };
}

describe.each([2, 3] as const)("stampEpub, EPUB %i", (version) => {
  const spec: EpubSpec = { version, chapters: 3, images: [{ name: "images/cover.jpg", bytes: randomBytes(4096) }] };

  it("adds the notice page first in the spine, linear, and the buyer to the metadata; stays valid", async () => {
    const source = await makeEpub(spec);
    const epub = await validateEpub(await stampEpub(source, stamp));
    expect(epub.version).toBe(version === 3 ? "3.0" : "2.0");
    expect(epub.spine.map((itemref) => itemref.idref)).toEqual(["bindery-license", "c1", "c2", "c3"]);
    expect(epub.spine[0].linear).toBe("yes");
    const notice = epub.manifest.get("bindery-license")!;
    expect(notice).toMatchObject({ zipPath: "OEBPS/bindery-license.xhtml", mediaType: "application/xhtml+xml" });
    const page = epub.zip.files.get(notice.zipPath)!.toString("utf8");
    expect(page).toContain(version === 3 ? "<!DOCTYPE html>" : "-//W3C//DTD XHTML 1.1//EN");
    const paragraphs = parseXml(page)
      .elements.filter((e) => e.tag.local === "p")
      .map((e) => e.text);
    expect(paragraphs).toEqual([
      "This copy is licensed to Zoë Buyer (zoe@example.com) for personal use.",
      "Order ord_7Q2, 2026-11-05, from Bindery.",
      "Please do not share it or make it available to others.",
    ]);
    const { rights, meta } = metadataOf(epub.opfText);
    expect(rights.map((e) => e.text)).toEqual(["Licensed to Zoë Buyer for personal use; order ord_7Q2, Bindery."]);
    expect(meta).toEqual({
      "bindery:licensed-to": "Zoë Buyer",
      "bindery:licensed-email": "zoe@example.com",
      "bindery:order": "ord_7Q2",
    });
    // Nothing else in the package changed: the original text is still there around the insertions.
    expect(epub.opfText).toContain("<dc:title>Chapters &amp; Verses</dc:title>");
  });

  it("copies every other entry byte-identical, still compressed as it was", async () => {
    const source = await readZip(await makeEpub(spec));
    const stamped = await readZip(await stampEpub(await makeEpub(spec), stamp));
    const copied = source.entries.filter((e) => !["mimetype", "OEBPS/content.opf"].includes(e.fileName));
    expect(copied.length).toBeGreaterThan(5);
    for (const entry of copied) {
      const out = stamped.entries.find((candidate) => candidate.fileName === entry.fileName)!;
      expect(out.compressionMethod, entry.fileName).toBe(entry.compressionMethod);
      expect(stamped.raw.get(entry.fileName)!.equals(source.raw.get(entry.fileName)!), entry.fileName).toBe(true);
      expect(stamped.files.get(entry.fileName)!.equals(source.files.get(entry.fileName)!), entry.fileName).toBe(true);
    }
    expect(stamped.entries.map((e) => e.fileName)).toEqual([
      "mimetype",
      "META-INF/container.xml",
      "OEBPS/content.opf",
      "OEBPS/bindery-license.xhtml",
      ...source.entries.slice(3).map((e) => e.fileName),
    ]);
  });

  it("without a notice page changes only the metadata", async () => {
    const epub = await validateEpub(await stampEpub(await makeEpub(spec), { ...stamp, noticePage: false }));
    expect(epub.manifest.has("bindery-license")).toBe(false);
    expect(epub.spine.map((itemref) => itemref.idref)).toEqual(["c1", "c2", "c3"]);
    expect(metadataOf(epub.opfText).meta["bindery:order"]).toBe("ord_7Q2");
  });

  it("escapes a hostile name everywhere it is written", async () => {
    const hostile = `<script>alert(1)</script>&amp;"'<!--`;
    const epub = await validateEpub(await stampEpub(await makeEpub(spec), { ...stamp, licensedTo: hostile }));
    const { rights, meta } = metadataOf(epub.opfText);
    expect(meta["bindery:licensed-to"]).toBe(hostile);
    expect(rights[0].text).toBe(`Licensed to ${hostile} for personal use; order ord_7Q2, Bindery.`);
    const page = parseXml(epub.zip.files.get("OEBPS/bindery-license.xhtml")!.toString("utf8"));
    expect(page.elements.some((e) => e.tag.local === "script")).toBe(false);
    expect(page.elements.find((e) => e.tag.local === "p")?.text).toContain(hostile);
  });

  it("drops characters XML cannot carry and bidi overrides", async () => {
    const name = "Eve\u0000\u0007\u202Egnp.exe\uFFFF\uD800";
    const epub = await validateEpub(await stampEpub(await makeEpub(spec), { ...stamp, licensedTo: name }));
    expect(metadataOf(epub.opfText).meta["bindery:licensed-to"]).toBe("Eve gnp.exe");
  });
});

describe("stampEpub, unusual packages", () => {
  it("handles an OPF at the root, prefixed OPF elements and a UTF-8 byte order mark", async () => {
    const opf = opfFor({ version: 3 })
      .replace('<package xmlns="http://www.idpf.org/2007/opf"', '<opf:package xmlns:opf="http://www.idpf.org/2007/opf"')
      .replace("</package>", "</opf:package>")
      .replace(/<(\/?)(metadata|manifest|spine|item|itemref|meta)\b/g, "<$1opf:$2");
    const source = await makeEpub({ version: 3, folder: "", opf: `\ufeff${opf}` });
    const stamped = await stampEpub(source, stamp);
    const epub = await validateEpub(stamped);
    expect(epub.opfPath).toBe("content.opf");
    expect(epub.manifest.get("bindery-license")?.zipPath).toBe("bindery-license.xhtml");
    expect(epub.spine[0].idref).toBe("bindery-license");
    expect(metadataOf(epub.opfText).meta["bindery:order"]).toBe("ord_7Q2");
    expect([...(await readZip(stamped)).files.get("content.opf")!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("picks another name when the book already uses bindery-license as an id or a file", async () => {
    const opf = opfFor({ version: 2 }).replace(/"uid"/g, '"bindery-license"');
    const byId = await validateEpub(await stampEpub(await makeEpub({ version: 2, opf }), stamp));
    expect(byId.spine[0].idref).toBe("bindery-license-2");
    expect(byId.manifest.get("bindery-license-2")?.zipPath).toBe("OEBPS/bindery-license-2.xhtml");
    const images = [{ name: "Bindery-License.xhtml", bytes: new Uint8Array(10) }];
    const byFile = await validateEpub(await stampEpub(await makeEpub({ version: 3, images }), stamp));
    expect(byFile.spine[0].idref).toBe("bindery-license-2");
    expect(byFile.zip.files.get("OEBPS/Bindery-License.xhtml")).toEqual(Buffer.alloc(10));
  });

  it("writes mimetype first and stored even when the source has it compressed, late, or not at all", async () => {
    const { ZipFile } = await import("yazl");
    const zip = new ZipFile();
    const source = await readZip(await makeEpub({ version: 3 }));
    for (const entry of source.entries.slice(1)) zip.addBuffer(source.files.get(entry.fileName)!, entry.fileName);
    zip.addBuffer(Buffer.from("application/epub+zip"), "mimetype", { compress: true });
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
    await validateEpub(await stampEpub(Buffer.concat(chunks), stamp));
    await validateEpub(await stampEpub(await makeEpub({ version: 2, omit: ["mimetype"] }), stamp));
  });

  it("copies entries written with data descriptors (streamed zips) with their sizes in the local header", async () => {
    const { ZipFile } = await import("yazl");
    const { Readable } = await import("node:stream");
    const source = await readZip(await makeEpub({ version: 2 }));
    const zip = new ZipFile();
    for (const entry of source.entries) {
      const content = source.files.get(entry.fileName) ?? Buffer.alloc(0);
      if (entry.fileName === "mimetype") zip.addBuffer(content, entry.fileName, { compress: false });
      else zip.addReadStream(Readable.from([content]), entry.fileName);
    }
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
    const streamed = await readZip(Buffer.concat(chunks));
    expect(streamed.entries.filter((entry) => entry.generalPurposeBitFlag & 0x8).length).toBeGreaterThan(3);
    const stamped = await stampEpub(Buffer.concat(chunks), stamp);
    const epub = await validateEpub(stamped);
    for (const entry of epub.zip.entries) expect(entry.generalPurposeBitFlag & 0x8).toBe(0);
    expect(epub.zip.raw.get("OEBPS/text/chapter-2.xhtml")).toEqual(streamed.raw.get("OEBPS/text/chapter-2.xhtml"));
  });

  describe("refuses", () => {
    it("garbage, a truncated ZIP, and a ZIP that is not an EPUB", async () => {
      await expectStampError(stampEpub(new TextEncoder().encode("not a zip at all"), stamp), "damaged");
      const whole = await makeEpub({ version: 3 });
      await expectStampError(stampEpub(whole.subarray(0, whole.length - 30), stamp), "damaged");
      await expectStampError(stampEpub(whole.subarray(0, 1000), stamp), "damaged");
      await expectStampError(
        stampEpub(await makeEpub({ version: 3, omit: ["META-INF/container.xml"] }), stamp),
        "damaged",
      );
      await expectStampError(stampEpub(await makeEpub({ version: 3, omit: ["OEBPS/content.opf"] }), stamp), "damaged");
    });

    it("a package document that is not well-formed or not a package", async () => {
      const broken = opfFor({ version: 3 }).replace("</manifest>", "</manifesto>");
      await expectStampError(stampEpub(await makeEpub({ version: 3, opf: broken }), stamp), "damaged");
      const other = '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"/>';
      await expectStampError(stampEpub(await makeEpub({ version: 3, opf: other }), stamp), "damaged");
      const noSpine = opfFor({ version: 3 }).replace(/<spine[\s\S]*<\/spine>/, "");
      await expectStampError(stampEpub(await makeEpub({ version: 3, opf: noSpine }), stamp), "damaged");
    });

    it("a package document that is not UTF-8", async () => {
      const latin1 = Buffer.from(opfFor({ version: 3 }).replace("Chapters", "Chapitres é"), "latin1");
      const { ZipFile } = await import("yazl");
      const source = await readZip(await makeEpub({ version: 3 }));
      const zip = new ZipFile();
      for (const entry of source.entries) {
        const content = entry.fileName === "OEBPS/content.opf" ? latin1 : source.files.get(entry.fileName)!;
        zip.addBuffer(content, entry.fileName, { compress: entry.fileName !== "mimetype" });
      }
      zip.end();
      const chunks: Buffer[] = [];
      for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
      await expectStampError(stampEpub(Buffer.concat(chunks), stamp), "damaged");
    });

    it("DRM-encrypted content, but not obfuscated fonts", async () => {
      const encryption = (algorithm: string) => `<?xml version="1.0"?>
<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
  <enc:EncryptedData><enc:EncryptionMethod Algorithm="${algorithm}"/>
  <enc:CipherData><enc:CipherReference URI="OEBPS/text/chapter-1.xhtml"/></enc:CipherData></enc:EncryptedData>
</encryption>`;
      const drm = { "META-INF/encryption.xml": encryption("http://www.w3.org/2001/04/xmlenc#aes128-cbc") };
      await expectStampError(stampEpub(await makeEpub({ version: 3, extra: drm }), stamp), "encrypted");
      const fonts = { "META-INF/encryption.xml": encryption("http://www.idpf.org/2008/embedding") };
      const epub = await validateEpub(await stampEpub(await makeEpub({ version: 3, extra: fonts }), stamp));
      expect(epub.zip.files.has("META-INF/encryption.xml")).toBe(true);
    });

    it("entries marked encrypted", async () => {
      const bytes = Buffer.from(await makeEpub({ version: 3 }));
      // Set the encryption bit of the deflated entries' central directory records (PK\1\2; flags +8, method +10).
      for (let at = bytes.indexOf("PK\u0001\u0002"); at !== -1; at = bytes.indexOf("PK\u0001\u0002", at + 4)) {
        if (bytes.readUInt16LE(at + 10) === 8) bytes.writeUInt16LE(bytes.readUInt16LE(at + 8) | 1, at + 8);
      }
      await expectStampError(stampEpub(bytes, stamp), "encrypted");
    });
  });
});
