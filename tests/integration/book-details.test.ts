import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookFormFields, exeBytes, filesUnder, pdfBytes } from "../helpers/admin-fixtures";
import { DEMO, signIn } from "../helpers/http-session";
import { callServerAction, readActionState } from "../helpers/server-action";
import { closeSignedInApp, openSignedInApp, type SignedInApp } from "../helpers/signed-in-app";

// What a buyer reads on a book page before buying: language, ISBN, each file's version and date, and a
// free sample anyone may download, uploaded by an admin to MEDIA_ROOT (public, like a cover).

let shop: SignedInApp;
let bookId = "";
const SLUG = "the-quiet-art-of-binding";

beforeAll(async () => {
  shop = await openSignedInApp("book-details", "admin");
  bookId = await shop.db.productId(SLUG);
});
afterAll(() => closeSignedInApp(shop));

const bookPage = async () => (await fetch(`${shop.app.url}/books/${SLUG}`)).text();
const uploadSample = (bytes: Buffer, cookie = shop.cookie) =>
  fetch(`${shop.app.url}/api/admin/books/${bookId}/sample`, {
    method: "POST",
    headers: { cookie, origin: shop.app.url, "content-type": "application/octet-stream" },
    body: new Uint8Array(bytes),
  });

describe("the book form", () => {
  it("saves a language and an ISBN (as digits), shown on the page and in its structured data", async () => {
    const book = await shop.db.prisma.product.findUniqueOrThrow({ where: { id: bookId } });
    const fields = { ...bookFormFields(book), language: "pt-BR", isbn: "978-0-306-40615-7" };
    const save = (extra: Record<string, string> = {}) =>
      callServerAction({
        baseUrl: shop.app.url,
        cookie: shop.cookie,
        page: `/admin/books/${bookId}`,
        action: { file: "app/(store)/admin/books/actions.ts", name: "updateBookAction" },
        fields: { ...fields, ...extra },
      }).then(readActionState);

    expect(await save({ isbn: "978-0-306-40615-8" })).toMatchObject({
      fieldErrors: { isbn: ["This is not a valid ISBN-13 or ISBN-10 (check the digits)."] },
    });
    expect(await save()).toMatchObject({ ok: true });
    expect(await shop.db.prisma.product.findUniqueOrThrow({ where: { id: bookId } })).toMatchObject({
      language: "pt-BR",
      isbn: "9780306406157",
    });
    const html = await bookPage();
    expect(html).toMatch(/<dt[^>]*>Language<\/dt><dd>Brazilian Portuguese<\/dd>/);
    expect(html).toMatch(/<dt[^>]*>ISBN<\/dt><dd[^>]*>9780306406157<\/dd>/);
    expect(html).toContain('"inLanguage":"pt-BR"');
    expect(html).toContain('"isbn":"9780306406157"');
  });

  it("shows each file's version and date", async () => {
    const file = await shop.db.prisma.productFile.findFirstOrThrow({ where: { productId: bookId, active: true } });
    const day = file.createdAt.toLocaleDateString("en", {
      year: "numeric",
      month: "long",
      day: "numeric",
      timeZone: "UTC",
    });
    expect(await bookPage()).toContain(
      `data-testid="file-version">${file.version > 1 ? `Version ${file.version}, ` : ""}${day}`,
    );
  });
});

describe("the free sample", () => {
  it("an admin uploads a PDF excerpt: public under /media, linked from the book, not in PROTECTED_ROOT", async () => {
    expect(await bookPage()).not.toContain('data-testid="free-sample"');
    const bytes = pdfBytes(50_000, "free sample");
    const before = filesUnder(shop.store.env.PROTECTED_ROOT);
    const response = await uploadSample(bytes);
    expect(response.status).toBe(201);
    const { sampleUrl } = (await response.json()) as { sampleUrl: string };
    expect(sampleUrl).toMatch(/^\/media\/samples\/[0-9a-f]{32}\.pdf$/);
    expect(filesUnder(shop.store.env.PROTECTED_ROOT)).toEqual(before);

    expect(await bookPage()).toContain(`href="${sampleUrl}"`);
    const download = await fetch(`${shop.app.url}${sampleUrl}`); // no session: anyone may read it
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);

    // A new sample replaces the old one, whose file is removed.
    const second = (await (await uploadSample(pdfBytes(20_000, "second sample"))).json()) as { sampleUrl: string };
    expect(second.sampleUrl).not.toBe(sampleUrl);
    expect(existsSync(path.join(shop.store.env.MEDIA_ROOT, sampleUrl.slice("/media/".length)))).toBe(false);
    expect(await bookPage()).toContain(`href="${second.sampleUrl}"`);
  });

  it("is refused when it is not a PDF or EPUB, or from someone who is not an admin", async () => {
    expect((await uploadSample(exeBytes())).status).toBe(415);
    const staff = await signIn(shop.app.url, DEMO.staff.email, DEMO.staff.password);
    expect((await uploadSample(pdfBytes(), staff)).status).toBe(404);
    expect((await uploadSample(pdfBytes(), "")).status).toBe(404);
  });
});
