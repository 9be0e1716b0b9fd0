import { concatTransformationMatrix, PDFDocument, PDFName, PDFString } from "pdf-lib";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { StampError, type Stamp } from "./model";
import { stampPdf } from "./pdf";
import { makePdf } from "@/tests/helpers/stamping/fixtures";
import { readPdfMetadata, readPdfPages, readRawXmp, type PageText } from "@/tests/helpers/stamping/read-pdf";
import { parseXml } from "@/tests/helpers/stamping/validate-epub";

const stamp: Stamp = {
  licensedTo: "Zoë Buyer",
  email: "zoe@example.com",
  orderId: "ord_7Q2",
  shopName: "Bindery",
  noticePage: false,
  licensedAt: new Date("2026-11-05T10:00:00Z"),
};
const FOOTER = "Licensed to Zoë Buyer · order ord_7Q2";

function footerRun(page: PageText) {
  const run = page.runs.find((candidate) => candidate.text.startsWith("Licensed to"));
  expect(run, `page text: ${page.text}`).toBeDefined();
  return run!;
}

/** On the page as displayed: horizontal, left to right, inside the visible area, in its bottom margin. */
function expectInBottomMargin(page: PageText) {
  const run = footerRun(page);
  expect(run.dy).toBeCloseTo(0, 5);
  expect(run.dx).toBeGreaterThan(0);
  expect(run.size).toBeGreaterThanOrEqual(4);
  expect(run.size).toBeLessThanOrEqual(8);
  expect(run.x).toBeGreaterThanOrEqual(0);
  expect(run.x).toBeLessThan(page.width / 2);
  expect(run.y).toBeLessThanOrEqual(page.height - 5);
  expect(run.y).toBeGreaterThan(page.height - 14);
}

async function expectStampError(promise: Promise<unknown>, reason: StampError["reason"]) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StampError);
  expect((error as StampError).reason).toBe(reason);
}

describe("stampPdf", () => {
  it("puts the footer on every page, as text a reader extracts, and keeps the content", async () => {
    const source = await makePdf(5);
    const pages = await readPdfPages(await stampPdf(source, stamp));
    expect(pages).toHaveLength(5);
    pages.forEach((page, index) => {
      expect(footerRun(page).text).toBe(FOOTER);
      expect(page.text).toContain(`Page ${index + 1}, line 1: the quick brown fox`);
      expectInBottomMargin(page);
    });
  });

  it("adds the notice page first when asked", async () => {
    const pages = await readPdfPages(await stampPdf(await makePdf(3), { ...stamp, noticePage: true }));
    expect(pages).toHaveLength(4);
    const notice = pages[0].text.replace(/\n/g, " ");
    expect(notice).toContain("This copy is licensed to Zoë Buyer (zoe@example.com) for personal use.");
    expect(notice).toContain("Order ord_7Q2, 2026-11-05, from Bindery.");
    expect([pages[0].width, pages[0].height]).toEqual([420, 595]);
    expect(pages[1].text).toContain("Page 1, line 1");
    for (const page of pages) expect(footerRun(page).text).toBe(FOOTER);
  });

  it("keeps the book's page labels on their pages behind the notice page", async () => {
    const doc = await PDFDocument.load(await makePdf(4));
    const nums = doc.context.obj([0, { S: "r" }, 2, { S: "D" }]);
    doc.catalog.set(PDFName.of("PageLabels"), doc.context.obj({ Nums: nums }));
    const stamped = await stampPdf(await doc.save(), { ...stamp, noticePage: true });
    const reader = await getDocument({ data: new Uint8Array(stamped), verbosity: 0 }).promise;
    expect(await reader.getPageLabels()).toEqual(["Notice", "i", "ii", "1", "2"]);
    await reader.destroy();
  });

  it("places the footer at the displayed bottom of rotated, odd-sized and cropped pages", async () => {
    const source = await makePdf([
      { rotate: 90 },
      { rotate: 180 },
      { rotate: 270 },
      { rotate: -90 },
      { size: [1800, 200] },
      { size: [144, 144] },
      { size: [612, 792], cropBox: [50, 100, 400, 500] },
      { size: [612, 792], rotate: 90, cropBox: [30, 60, 500, 300] },
    ]);
    const pages = await readPdfPages(await stampPdf(source, stamp));
    expect(pages.map((page) => page.rotate)).toEqual([90, 180, 270, 270, 0, 0, 0, 90]);
    expect([pages[6].width, pages[6].height]).toEqual([400, 500]);
    expect([pages[7].width, pages[7].height]).toEqual([300, 500]);
    for (const page of pages) {
      expect(footerRun(page).text).toBe(FOOTER);
      expectInBottomMargin(page);
    }
    // A narrow page shrinks the footer to fit.
    const narrow = footerRun(pages[5]);
    expect(narrow.size).toBeLessThan(7.5);
  });

  it("is not moved by a page whose content leaves its transformation matrix changed", async () => {
    const doc = await PDFDocument.load(await makePdf(1));
    doc.getPage(0).pushOperators(concatTransformationMatrix(0.5, 0, 0, 0.5, 200, 300));
    const pages = await readPdfPages(await stampPdf(await doc.save(), stamp));
    expectInBottomMargin(pages[0]);
    expect(footerRun(pages[0]).size).toBeGreaterThan(6);
  });

  it("stamps a blank page without any content stream, and a rotation inherited from the page tree", async () => {
    const doc = await PDFDocument.create();
    doc.addPage([300, 400]);
    doc.addPage([300, 400]);
    doc.catalog.Pages().set(PDFName.of("Rotate"), doc.context.obj(90));
    const pages = await readPdfPages(await stampPdf(await doc.save(), stamp));
    expect(pages.map((page) => page.rotate)).toEqual([90, 90]);
    for (const page of pages) expectInBottomMargin(page);
  });

  it("writes the buyer into the Info dictionary and an XMP packet, keeping title and author", async () => {
    const stamped = await stampPdf(await makePdf(2), stamp);
    const { info, xmp } = await readPdfMetadata(stamped);
    expect(info.Title).toBe("A Test Book");
    expect(info.Author).toBe("Ann Author");
    expect(info.Subject).toBe(FOOTER);
    expect(info.Custom).toMatchObject({
      LicensedTo: "Zoë Buyer",
      LicensedEmail: "zoe@example.com",
      OrderId: "ord_7Q2",
      LicensedBy: "Bindery",
    });
    expect(xmp?.get("dc:title")).toBe("A Test Book");
    expect(xmp?.get("dc:creator")).toEqual(["Ann Author"]);
    expect(xmp?.get("dc:rights")).toContain("Licensed to Zoë Buyer");
    expect(xmp?.get("bindery:email")).toBe("zoe@example.com");
    expect(xmp?.get("bindery:orderid")).toBe("ord_7Q2");
    const raw = await readRawXmp(stamped);
    const elements = parseXml(raw!.replace(/<\?xpacket[^>]*\?>/g, "")).elements;
    expect(elements[0].tag.uri).toBe("adobe:ns:meta/");
    expect(elements.find((e) => e.tag.local === "email")?.tag.uri).toMatch(/bindery/);
  });

  it("extends a document's own XMP instead of replacing it", async () => {
    const doc = await PDFDocument.load(await makePdf(1));
    const ownXmp = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>2</pdfaid:part>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
    const stream = doc.context.flateStream(ownXmp, { Type: "Metadata", Subtype: "XML" });
    doc.catalog.set(PDFName.of("Metadata"), doc.context.register(stream));
    const { xmp } = await readPdfMetadata(await stampPdf(await doc.save(), stamp));
    expect(xmp?.get("pdfaid:part")).toBe("2");
    expect(xmp?.get("bindery:licensedto")).toBe("Zoë Buyer");
  });

  it("keeps the XMP well-formed when the document's own title holds characters XML cannot carry", async () => {
    const doc = await PDFDocument.load(await makePdf(1));
    doc.setTitle("Bad\u0001Title <&>");
    const raw = await readRawXmp(await stampPdf(await doc.save(), stamp));
    const title = parseXml(raw?.replace(/<\?xpacket[^>]*\?>/g, "") ?? "").elements.find((e) => e.tag.local === "li");
    expect(title?.text).toBe("Bad Title <&>");
  });

  it("keeps an existing Subject and adds the order to the Keywords", async () => {
    const doc = await PDFDocument.load(await makePdf(1));
    doc.setSubject("Poems");
    doc.setKeywords(["verse"]);
    const { info } = await readPdfMetadata(await stampPdf(await doc.save(), stamp));
    expect(info.Subject).toBe("Poems");
    expect(info.Keywords).toBe("verse order ord_7Q2");
  });

  describe("names a standard font cannot show", () => {
    it("prints the email instead of a name in another script, and keeps the name in the metadata", async () => {
      const stamped = await stampPdf(await makePdf(2), { ...stamp, licensedTo: "李小龙", noticePage: true });
      const pages = await readPdfPages(stamped);
      for (const page of pages) expect(footerRun(page).text).toBe("Licensed to zoe@example.com · order ord_7Q2");
      expect(pages[0].text.replace(/\n/g, " ")).toContain("licensed to zoe@example.com for personal use");
      const { info, xmp } = await readPdfMetadata(stamped);
      expect(info.Custom?.LicensedTo).toBe("李小龙");
      expect(xmp?.get("bindery:licensedto")).toBe("李小龙");
    });

    it("drops emoji, keeps accents, strips marks it cannot show", async () => {
      const pages = await readPdfPages(await stampPdf(await makePdf(1), { ...stamp, licensedTo: "Zoë 🎉 Łukasz Ŵ" }));
      expect(footerRun(pages[0]).text).toBe("Licensed to Zoë Lukasz W · order ord_7Q2");
    });

    it("prints a hostile name literally and keeps the metadata well-formed", async () => {
      const hostile = "<script>&\"' \u202Eevil\u0000\n)Tj";
      const stamped = await stampPdf(await makePdf(1), { ...stamp, licensedTo: hostile });
      const pages = await readPdfPages(stamped);
      expect(footerRun(pages[0]).text).toBe("Licensed to <script>&\"' evil )Tj · order ord_7Q2");
      const raw = await readRawXmp(stamped);
      const licensed = parseXml(raw!.replace(/<\?xpacket[^>]*\?>/g, "")).elements.find(
        (e) => e.tag.local === "licensedTo",
      );
      expect(licensed?.text).toBe("<script>&\"' evil )Tj");
      expect(pages).toHaveLength(1);
    });
  });

  describe("refuses", () => {
    it("an encrypted PDF", async () => {
      const doc = await PDFDocument.load(await makePdf(1));
      doc.context.trailerInfo.Encrypt = doc.context.register(
        doc.context.obj({
          Filter: "Standard",
          V: 1,
          R: 2,
          O: PDFString.of("0".repeat(32)),
          U: PDFString.of("0".repeat(32)),
          P: -4,
        }),
      );
      const encrypted = await doc.save({ useObjectStreams: false });
      expect(Buffer.from(encrypted).toString("latin1")).toMatch(/\/Encrypt \d+ 0 R/);
      await expectStampError(stampPdf(encrypted, stamp), "encrypted");
    });

    it("a signed PDF, whose signature stamping would break", async () => {
      const doc = await PDFDocument.load(await makePdf(1));
      doc.catalog.set(PDFName.of("AcroForm"), doc.context.obj({ Fields: [], SigFlags: 3 }));
      const error = await stampPdf(await doc.save(), stamp).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StampError);
      expect(error).toMatchObject({ reason: "unsupported", message: expect.stringContaining("signed") });
    });

    it("garbage, an empty file, a header with nothing behind it, and a PDF cut short", async () => {
      await expectStampError(stampPdf(new TextEncoder().encode("hello, not a pdf"), stamp), "damaged");
      await expectStampError(stampPdf(new Uint8Array(), stamp), "damaged");
      await expectStampError(stampPdf(new TextEncoder().encode("%PDF-1.7\n%garbage\n"), stamp), "damaged");
      const whole = await makePdf(3);
      await expectStampError(stampPdf(whole.subarray(0, 200), stamp), "damaged");
    });
  });
});
