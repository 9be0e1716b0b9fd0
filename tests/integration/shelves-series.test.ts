import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookFormFields } from "../helpers/admin-fixtures";
import { DEMO, signIn } from "../helpers/http-session";
import { callServerAction, readActionState } from "../helpers/server-action";
import { closeSignedInApp, openSignedInApp, type SignedInApp } from "../helpers/signed-in-app";

// Shelves (categories, admin-managed, a book on several) and series (a name and a number per book):
// what customers browse by, and who may change them.

let shop: SignedInApp;

beforeAll(async () => {
  shop = await openSignedInApp("shelves", "admin");
});
afterAll(() => closeSignedInApp(shop));

const html = async (route: string) => {
  const response = await fetch(`${shop.app.url}${route}`);
  return { status: response.status, text: await response.text() };
};
const slugsIn = (page: string) =>
  [...(page.split('data-testid="catalog"')[1]?.split("</ul>")[0] ?? "").matchAll(/href="\/books\/([^"]+)"/g)].map(
    (match) => match[1],
  );
const shelfAction = (name: string, fields: Record<string, string>, cookie = shop.cookie) =>
  callServerAction({
    baseUrl: shop.app.url,
    cookie,
    page: "/admin/categories",
    action: { file: "app/(store)/admin/categories/actions.ts", name },
    fields,
  }).then(readActionState);

/** The book form as saved, with `categoryIds` ticked (the form sends one field per ticked shelf). */
async function saveShelves(slug: string, categoryIds: string[]) {
  const book = await shop.db.prisma.product.findUniqueOrThrow({ where: { slug } });
  return callServerAction({
    baseUrl: shop.app.url,
    cookie: shop.cookie,
    page: `/admin/books/${book.id}`,
    action: { file: "app/(store)/admin/books/actions.ts", name: "updateBookAction" },
    fields: { ...bookFormFields(book), categoryId: categoryIds },
  }).then(readActionState);
}

describe("shelves", () => {
  it("the seeded shelves are on the catalog with their counts, and each lists exactly its books", async () => {
    // React separates text nodes with comments: compare the link's text without them.
    const catalog = (await html("/")).text.replaceAll("<!-- -->", "");
    expect(catalog).toMatch(/href="\/categories\/craft-and-making">Craft &amp; Making <span[^>]*>\(3\)<\/span>/);
    const shelf = await html("/categories/craft-and-making");
    expect(shelf.status).toBe(200);
    expect(slugsIn(shelf.text).sort()).toEqual([
      "a-practical-guide-to-self-publishing",
      "field-notes-on-typography",
      "the-quiet-art-of-binding",
    ]);
    expect((await html("/categories/no-such-shelf")).status).toBe(404);
  });

  it("an admin creates a shelf (names are unique) and puts a book on two; the book page links both", async () => {
    expect(await shelfAction("createShelfAction", { name: "Winter Reading" })).toMatchObject({ ok: true });
    expect(await shelfAction("createShelfAction", { name: "Winter Reading" })).toMatchObject({
      error: "Another shelf already has this name.",
    });
    const winter = await shop.db.prisma.category.findUniqueOrThrow({ where: { slug: "winter-reading" } });
    const craft = await shop.db.prisma.category.findUniqueOrThrow({ where: { slug: "craft-and-making" } });

    expect(await saveShelves("atlas-of-small-harbors", [winter.id, craft.id])).toMatchObject({ ok: true });
    const book = await html("/books/atlas-of-small-harbors");
    expect(book.text).toContain('href="/categories/craft-and-making"');
    expect(book.text).toContain('href="/categories/winter-reading"');
    expect(slugsIn((await html("/categories/winter-reading")).text)).toEqual(["atlas-of-small-harbors"]);

    // Unticking takes it off; the change is audited once per save that changes something.
    expect(await saveShelves("atlas-of-small-harbors", [winter.id])).toMatchObject({ ok: true });
    expect(slugsIn((await html("/categories/craft-and-making")).text)).not.toContain("atlas-of-small-harbors");
    const audits = await shop.db.prisma.auditLog.count({ where: { action: "book.categories" } });
    expect(await saveShelves("atlas-of-small-harbors", [winter.id])).toMatchObject({ ok: true });
    expect(await shop.db.prisma.auditLog.count({ where: { action: "book.categories" } })).toBe(audits);
  });

  it("an unpublished book is on no shelf page; a deleted shelf takes no book with it", async () => {
    const shelf = await shop.db.prisma.category.findUniqueOrThrow({ where: { slug: "craft-and-making" } });
    await shop.db.prisma.product.update({ where: { slug: "field-notes-on-typography" }, data: { published: false } });
    try {
      expect(slugsIn((await html("/categories/craft-and-making")).text)).not.toContain("field-notes-on-typography");
    } finally {
      await shop.db.prisma.product.update({ where: { slug: "field-notes-on-typography" }, data: { published: true } });
    }
    const books = await shop.db.prisma.product.count();
    expect(await shelfAction("deleteShelfAction", { id: shelf.id })).toMatchObject({ ok: true });
    expect((await html("/categories/craft-and-making")).status).toBe(404);
    expect(await shop.db.prisma.product.count()).toBe(books);
  });

  it("staff and customers cannot change shelves, nor choose a shelf that does not exist", async () => {
    const staff = await signIn(shop.app.url, DEMO.staff.email, DEMO.staff.password);
    const before = await shop.db.prisma.category.count();
    await shelfAction("createShelfAction", { name: "Staff Picks" }, staff).catch(() => undefined);
    await shelfAction("createShelfAction", { name: "Anonymous Picks" }, "").catch(() => undefined);
    expect(await shop.db.prisma.category.count()).toBe(before);
    expect(await saveShelves("atlas-of-small-harbors", ["no-such-shelf"])).toMatchObject({
      error: "A chosen shelf no longer exists: reload the page.",
    });
    const tooMany = Array.from({ length: 101 }, (_, i) => `shelf-${i}`);
    expect(await saveShelves("atlas-of-small-harbors", tooMany)).toMatchObject({
      error: "Choose at most 100 shelves from the list.",
    });
  });
});

describe("series", () => {
  it("lists its books by number, unnumbered last, and each book page says which one it is", async () => {
    const set = (slug: string, seriesNumber: number | null) =>
      shop.db.prisma.product.update({ where: { slug }, data: { series: "Harbor Lights", seriesNumber } });
    await set("letters-from-the-lighthouse", 2);
    await set("atlas-of-small-harbors", 1);
    await set("the-quiet-art-of-binding", null);

    const series = await html("/series/Harbor%20Lights");
    expect(series.status).toBe(200);
    expect(slugsIn(series.text)).toEqual([
      "atlas-of-small-harbors",
      "letters-from-the-lighthouse",
      "the-quiet-art-of-binding",
    ]);
    expect((await html("/books/letters-from-the-lighthouse")).text).toMatch(
      /Book 2 of <a[^>]*href="\/series\/Harbor%20Lights"[^>]*>Harbor Lights<\/a>/,
    );
    expect((await html("/series/No%20Such%20Series")).status).toBe(404);
  });
});
