import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAGE_SIZE } from "@/lib/catalog/catalog-query";
import { startApp, type RunningApp } from "../helpers/app-server";
import { StoreDb } from "../helpers/store-db";
import { prepareTestEnvironment, type TestEnvironment } from "../helpers/test-env";

// A backlist of 70 more books on top of the seeded catalog: every order pages through every published
// book exactly once, by real links only, and never shows an unpublished one.

let store: TestEnvironment;
let app: RunningApp;
let db: StoreDb;
let published: { slug: string; title: string; author: string; priceCents: number; createdAt: Date }[];

const BACKLIST = 70;

beforeAll(async () => {
  store = prepareTestEnvironment("catalog-browse");
  app = await startApp(store.env);
  db = new StoreDb(store.env.DATABASE_URL);
  const start = Date.UTC(2024, 0, 1);
  await db.prisma.product.createMany({
    data: Array.from({ length: BACKLIST }, (_, i) => ({
      slug: `backlist-${i}`,
      title: `Backlist ${String.fromCharCode(65 + (i % 26))}${i}`,
      author: i % 7 === 0 ? "Noor Haddad" : `Author ${i % 5}`,
      description: "A book of the backlist.",
      // Ties on purpose: paging must still neither repeat nor skip a book.
      priceCents: 500 + (i % 4) * 100,
      published: true,
      createdAt: new Date(start + (i % 10) * 86_400_000),
    })),
  });
  await db.prisma.product.create({
    data: { slug: "backlist-draft", title: "Backlist Draft", author: "Noor Haddad", description: "-", priceCents: 1 },
  });
  published = await db.prisma.product.findMany({
    where: { published: true },
    select: { slug: true, title: true, author: true, priceCents: true, createdAt: true },
  });
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
  if (store) rmSync(store.dir, { recursive: true, force: true });
});

const decode = (href: string) => href.replaceAll("&amp;", "&");

async function page(pathAndQuery: string) {
  const response = await fetch(`${app.url}${pathAndQuery}`);
  const html = await response.text();
  const grid = html.split('data-testid="catalog"')[1]?.split("</ul>")[0] ?? "";
  const next = /<a[^>]*href="([^"]+)"[^>]*rel="next"|<a[^>]*rel="next"[^>]*href="([^"]+)"/.exec(html);
  return {
    status: response.status,
    html,
    slugs: [...grid.matchAll(/href="\/books\/([^"]+)"/g)].map((match) => match[1] ?? ""),
    next: next ? decode(next[1] ?? next[2] ?? "") : null,
  };
}

/** Follows "Next" from `first` to the end; returns every book slug in the order shown. */
async function walk(first: string): Promise<string[]> {
  const slugs: string[] = [];
  for (let url: string | null = first, pages = 0; url; pages++) {
    if (pages > 20) throw new Error("more pages than books");
    const current = await page(url);
    expect(current.status).toBe(200);
    expect(current.slugs.length).toBeLessThanOrEqual(PAGE_SIZE);
    slugs.push(...current.slugs);
    url = current.next;
  }
  return slugs;
}

const bySlug = (slug: string) => {
  const book = published.find((candidate) => candidate.slug === slug);
  if (!book) throw new Error(`${slug} is not a published book`);
  return book;
};

describe("browsing the catalog", () => {
  it.each(["/", "/?sort=title", "/?sort=price-low", "/?sort=price-high"])(
    "%s: Next links visit every published book once, in order",
    async (first) => {
      const slugs = await walk(first);
      expect(published.length).toBe(BACKLIST + 6);
      expect([...slugs].sort()).toEqual(published.map((book) => book.slug).sort());
      const books = slugs.map(bySlug);
      const ordered = (key: (book: (typeof books)[number]) => number | string, descending = false) =>
        books.every((book, i) => {
          const before = books[i - 1];
          if (!before) return true;
          return descending ? key(before) >= key(book) : key(before) <= key(book);
        });
      if (first === "/") expect(ordered((book) => book.createdAt.getTime(), true)).toBe(true);
      if (first.endsWith("title")) expect(ordered((book) => book.title)).toBe(true);
      if (first.endsWith("price-low")) expect(ordered((book) => book.priceCents)).toBe(true);
      if (first.endsWith("price-high")) expect(ordered((book) => book.priceCents, true)).toBe(true);
    },
  );

  it("says how many books and which page; the current page and sort are marked", async () => {
    const second = await page("/?page=2&sort=title");
    expect(second.html).toContain(`${published.length} books, page 2 of ${Math.ceil(published.length / PAGE_SIZE)}`);
    expect(second.html).toMatch(/<span[^>]*aria-current="page"[^>]*>2<\/span>/);
    expect(second.html).toMatch(/<span[^>]*aria-current="true"[^>]*>Title<\/span>/);
    expect(second.html).toMatch(/rel="prev"/);
  });

  it("a page past the end is empty and links back; a mangled page number is the first page", async () => {
    const far = await page("/?page=500");
    expect(far.status).toBe(200);
    expect(far.slugs).toEqual([]);
    expect(far.html).toContain("Back to the first page");
    expect((await page("/?page=abc")).slugs).toEqual((await page("/")).slugs);
  });

  it("a search pages too, and keeps its words in every link", async () => {
    const slugs = await walk("/?q=backlist&sort=price-low");
    expect(slugs.sort()).toEqual(
      published
        .filter((book) => /backlist/i.test(book.title))
        .map((b) => b.slug)
        .sort(),
    );
    expect((await page("/?q=backlist")).next).toBe("/?q=backlist&page=2");
  });
});

describe("an author's page", () => {
  it("lists exactly that author's published books, and the book page links to it", async () => {
    const expected = published.filter((book) => book.author === "Noor Haddad").map((book) => book.slug);
    expect(expected.length).toBeGreaterThan(1);
    expect((await walk("/authors/Noor%20Haddad")).sort()).toEqual(expected.sort());

    const bookPage = await (await fetch(`${app.url}/books/${expected[0]}`)).text();
    expect(bookPage).toContain('href="/authors/Noor%20Haddad"');
  });

  it("is 404 for a name with no published book; a malformed address is 400, not a server error", async () => {
    expect((await fetch(`${app.url}/authors/Nobody%20At%20All`)).status).toBe(404);
    expect((await fetch(`${app.url}/authors/%E0%A4%A`)).status).toBe(400);
    expect((await fetch(`${app.url}/books/%E0%A4%A`)).status).toBe(400);
  });

  it("a name with a percent sign or a slash is one author, linked and found", async () => {
    await db.prisma.product.create({
      data: {
        slug: "odd-author",
        title: "Odd",
        author: "100% R/D",
        description: "-",
        priceCents: 100,
        published: true,
      },
    });
    const bookPage = await (await fetch(`${app.url}/books/odd-author`)).text();
    expect(bookPage).toContain('href="/authors/100%25%20R%2FD"');
    expect(await walk("/authors/100%25%20R%2FD")).toEqual(["odd-author"]);
    await db.prisma.product.delete({ where: { slug: "odd-author" } });
  });
});
