import { afterEach, describe, expect, it, vi } from "vitest";

type SearchEngines = typeof import("./search-engines");

/** The module as a shop at `appUrl` loads it (the configuration is read once per process). */
async function shopAt(appUrl: string): Promise<SearchEngines> {
  vi.stubEnv("APP_URL", appUrl);
  vi.resetModules();
  return import("./search-engines");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

const book = {
  slug: "the-quiet-art",
  title: "The Quiet Art",
  author: "Mara Ellison",
  description: "A bookbinder's year at the bench:\n\nfolding, sewing,   rounding and backing.",
  priceCents: 1250,
  currency: "usd",
  published: true,
  coverUrl: "/media/covers/abc.jpg",
};

describe("absoluteUrl", () => {
  it("puts a path on APP_URL, keeping APP_URL's own path prefix", async () => {
    const root = await shopAt("https://books.example");
    expect(root.absoluteUrl("/books/x")).toBe("https://books.example/books/x");
    expect(root.absoluteUrl("/")).toBe("https://books.example/");
    const prefixed = await shopAt("https://example.org/shop/");
    expect(prefixed.absoluteUrl("/books/x")).toBe("https://example.org/shop/books/x");
    expect(prefixed.absoluteUrl("sitemap.xml")).toBe("https://example.org/shop/sitemap.xml");
    expect(prefixed.absoluteUrl("/")).toBe("https://example.org/shop/");
  });
});

describe("plainTextSummary", () => {
  it("collapses whitespace and keeps a short text whole", async () => {
    const { plainTextSummary } = await shopAt("https://books.example");
    expect(plainTextSummary("  One\n\ntwo\tthree  ")).toBe("One two three");
  });

  it("cuts a long text at a word, within the limit, with an ellipsis", async () => {
    const { plainTextSummary } = await shopAt("https://books.example");
    const text = `${"word ".repeat(40)}end.`;
    const summary = plainTextSummary(text);
    expect(summary.length).toBeLessThanOrEqual(160);
    expect(summary).toMatch(/ word…$/);
    expect(plainTextSummary("Folding, sewing, rounding, backing", 20)).toBe("Folding, sewing…");
    // One word longer than the room is cut where it must be.
    expect(plainTextSummary("x".repeat(200), 10)).toBe(`${"x".repeat(9)}…`);
  });
});

describe("decimalPrice", () => {
  it("writes minor units as a decimal string", async () => {
    const { decimalPrice } = await shopAt("https://books.example");
    expect([decimalPrice(1250), decimalPrice(900), decimalPrice(5), decimalPrice(0)]).toEqual([
      "12.50",
      "9.00",
      "0.05",
      "0.00",
    ]);
  });
});

describe("bookMetadata", () => {
  it("gives the title, a summary, the canonical URL and link previews with the cover and its size", async () => {
    const { bookMetadata } = await shopAt("https://books.example");
    const metadata = bookMetadata(book, { width: 800, height: 1200 });
    expect(metadata.title).toBe("The Quiet Art");
    expect(metadata.description).toBe("A bookbinder's year at the bench: folding, sewing, rounding and backing.");
    expect(metadata.alternates?.canonical).toBe("https://books.example/books/the-quiet-art");
    expect(metadata.openGraph).toMatchObject({
      type: "book",
      url: "https://books.example/books/the-quiet-art",
      siteName: "Bindery",
      authors: ["Mara Ellison"],
      images: [
        { url: "https://books.example/media/covers/abc.jpg", width: 800, height: 1200, alt: "Cover of The Quiet Art" },
      ],
    });
    expect(metadata.twitter).toMatchObject({
      card: "summary_large_image",
      images: [{ url: "https://books.example/media/covers/abc.jpg" }],
    });
    expect(metadata.robots).toBeUndefined();
  });

  it("leaves out the size it could not read, and the image when there is no cover", async () => {
    const { bookMetadata } = await shopAt("https://books.example");
    const unsized = bookMetadata(book);
    expect(unsized.openGraph?.images).toEqual([
      { url: "https://books.example/media/covers/abc.jpg", alt: "Cover of The Quiet Art" },
    ]);
    const bare = bookMetadata({ ...book, coverUrl: null });
    expect(bare.openGraph?.images).toBeUndefined();
    expect(bare.twitter).toMatchObject({ card: "summary" });
  });

  it("keeps a staff preview of an unpublished book out of the index", async () => {
    const { bookMetadata, PRIVATE_PAGE_ROBOTS } = await shopAt("https://books.example");
    expect(bookMetadata({ ...book, published: false }).robots).toEqual(PRIVATE_PAGE_ROBOTS);
    expect(PRIVATE_PAGE_ROBOTS).toEqual({ index: false, follow: false });
  });
});

describe("bookJsonLd", () => {
  it("is a schema.org Book and Product with its author, cover and offer", async () => {
    const { bookJsonLd } = await shopAt("https://example.org/shop");
    const data = bookJsonLd(book);
    expect(data).toEqual({
      "@context": "https://schema.org",
      "@type": ["Book", "Product"],
      "@id": "https://example.org/shop/books/the-quiet-art#book",
      name: "The Quiet Art",
      description: "A bookbinder's year at the bench: folding, sewing, rounding and backing.",
      url: "https://example.org/shop/books/the-quiet-art",
      author: { "@type": "Person", name: "Mara Ellison" },
      bookFormat: "https://schema.org/EBook",
      image: "https://example.org/shop/media/covers/abc.jpg",
      offers: {
        "@type": "Offer",
        price: "12.50",
        priceCurrency: "USD",
        availability: "https://schema.org/InStock",
        url: "https://example.org/shop/books/the-quiet-art",
      },
    });
    // The catalog has no such fields: nothing is made up.
    for (const field of ["isbn", "inLanguage", "numberOfPages"]) expect(data).not.toHaveProperty(field);
    expect(bookJsonLd({ ...book, coverUrl: null })).not.toHaveProperty("image");
  });
});

describe("jsonLdText", () => {
  it("cannot end the script element it is written into, and still parses back to the same value", async () => {
    const { bookJsonLd, jsonLdText } = await shopAt("https://books.example");
    const hostile = { ...book, title: "</script><script>alert(1)</script>", author: "<!-- A & B -->" };
    const text = jsonLdText(bookJsonLd(hostile));
    expect(text).not.toContain("<");
    expect(text).toContain("\\u003c/script>");
    expect(JSON.parse(text)).toEqual(bookJsonLd(hostile));
  });
});

describe("catalogMetadata", () => {
  it("names each page in the default order as canonical and keeps search results out of the index", async () => {
    const { catalogMetadata } = await shopAt("https://books.example");
    const query = { q: "", sort: "newest", page: 1 } as const;
    expect(catalogMetadata(query)).toEqual({ alternates: { canonical: "https://books.example/" } });
    expect(catalogMetadata({ ...query, sort: "title", page: 3 })).toEqual({
      alternates: { canonical: "https://books.example/?page=3" },
    });
    expect(catalogMetadata({ ...query, page: 2 }, "/authors/Ana%20B")).toEqual({
      alternates: { canonical: "https://books.example/authors/Ana%20B?page=2" },
    });
    expect(catalogMetadata({ ...query, q: "hugo" })).toEqual({
      alternates: { canonical: "https://books.example/" },
      robots: { index: false, follow: true },
    });
  });
});

describe("siteMetadata", () => {
  it("bases relative URLs on APP_URL and names the site in titles and previews", async () => {
    const { siteMetadata } = await shopAt("https://example.org/shop");
    const metadata = siteMetadata();
    expect(String(metadata.metadataBase)).toBe("https://example.org/shop/");
    expect(metadata.title).toMatchObject({ template: "%s · Bindery" });
    expect(metadata.openGraph).toMatchObject({ siteName: "Bindery", type: "website" });
    expect(metadata.twitter).toMatchObject({ card: "summary" });
  });
});

describe("sitemap and robots.txt", () => {
  it("lists the catalog (changed with its newest book) and each book with its own time", async () => {
    const { sitemapEntries } = await shopAt("https://books.example");
    const [older, newer] = [new Date("2026-01-01T00:00:00Z"), new Date("2026-03-01T00:00:00Z")];
    expect(
      sitemapEntries([
        { slug: "b", updatedAt: newer },
        { slug: "a", updatedAt: older },
      ]),
    ).toEqual([
      { url: "https://books.example/", lastModified: newer },
      { url: "https://books.example/books/b", lastModified: newer },
      { url: "https://books.example/books/a", lastModified: older },
    ]);
    expect(sitemapEntries([])).toEqual([{ url: "https://books.example/" }]);
  });

  it("allows the shop, disallows every private prefix and names the sitemap", async () => {
    const { robotsRules, PRIVATE_PATH_PREFIXES } = await shopAt("https://example.org/shop");
    expect(PRIVATE_PATH_PREFIXES).toEqual(
      expect.arrayContaining(["/admin", "/account", "/library", "/cart", "/checkout", "/api", "/dev"]),
    );
    expect(robotsRules()).toEqual({
      rules: { userAgent: "*", allow: "/", disallow: PRIVATE_PATH_PREFIXES.map((prefix) => `/shop${prefix}`) },
      sitemap: "https://example.org/shop/sitemap.xml",
    });
    const root = await shopAt("https://books.example");
    expect(root.robotsRules().rules).toMatchObject({ disallow: [...root.PRIVATE_PATH_PREFIXES] });
  });
});
