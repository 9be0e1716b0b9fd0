import type { Metadata, MetadataRoute } from "next";
import { getConfig } from "@/lib/config";
import { catalogHref, type CatalogQuery } from "./catalog-query";

export const SITE_NAME = "Bindery";
export const SITE_TITLE = "Bindery — e-books from the people who wrote them";
export const SITE_DESCRIPTION = "Buy DRM-free e-books and PDFs and download them whenever you need them.";

/** Accounts, staff, checkout and one-time links: never indexed, their links never followed. */
export const PRIVATE_PAGE_ROBOTS = { index: false, follow: false } as const;

/** A catalog search: the books it links to are worth crawling, the result page itself is not. */
export const SEARCH_RESULTS_ROBOTS = { index: false, follow: true } as const;

/** Path prefixes robots.txt tells crawlers to leave alone (each private page also says noindex). */
export const PRIVATE_PATH_PREFIXES = [
  "/admin",
  "/account",
  "/library",
  "/cart",
  "/checkout",
  "/claim",
  "/signin",
  "/signup",
  "/forgot-password",
  "/reset-password",
  "/verify-email",
  "/api",
  "/dev",
] as const;

/** The public URL of a path on this shop, from APP_URL; a path prefix in APP_URL is kept. */
export function absoluteUrl(path: string): string {
  return `${getConfig().appUrl}/${path.replace(/^\/+/, "")}`;
}

/** The canonical path of a book's page. */
export const bookPath = (slug: string) => `/books/${encodeURIComponent(slug)}`;

/** Whitespace collapsed, cut at a word to at most `max` characters (with an ellipsis when cut). */
export function plainTextSummary(text: string, max = 160): string {
  const plain = text.replace(/\s+/g, " ").trim();
  if (plain.length <= max) return plain;
  const room = plain.slice(0, max - 1);
  const lastSpace = room.lastIndexOf(" ");
  // A single word longer than the room is cut where it must be.
  const cut = lastSpace > max / 2 ? room.slice(0, lastSpace) : room;
  return `${cut.replace(/[\s,;:.–—-]+$/, "")}…`;
}

/** Minor units as the decimal string schema.org wants ("12.00"); every shop currency has two decimals. */
export function decimalPrice(minorUnits: number): string {
  const whole = Math.trunc(minorUnits / 100);
  return `${whole}.${String(Math.abs(minorUnits % 100)).padStart(2, "0")}`;
}

/** The shop-wide defaults every page inherits (titles, description, link previews). */
export function siteMetadata(): Metadata {
  return {
    metadataBase: new URL(`${getConfig().appUrl}/`),
    title: { default: SITE_TITLE, template: `%s · ${SITE_NAME}` },
    description: SITE_DESCRIPTION,
    applicationName: SITE_NAME,
    openGraph: { siteName: SITE_NAME, type: "website", title: SITE_TITLE, description: SITE_DESCRIPTION },
    twitter: { card: "summary", title: SITE_TITLE, description: SITE_DESCRIPTION },
  };
}

/**
 * A catalog page: its canonical URL is the page in the default order (another order lists the same
 * books), each page its own; search results are not indexed, but their links are followed.
 */
export function catalogMetadata(query: CatalogQuery, path = "/"): Metadata {
  return {
    alternates: { canonical: absoluteUrl(catalogHref(path, { q: "", sort: "newest", page: query.page })) },
    ...(query.q ? { robots: SEARCH_RESULTS_ROBOTS } : {}),
  };
}

export interface BookForSearchEngines {
  slug: string;
  title: string;
  author: string;
  description: string;
  priceCents: number;
  currency: string;
  published: boolean;
  /** The cover's path on this site (/media/…), or null. */
  coverUrl: string | null;
  language?: string | null;
  isbn?: string | null;
}

/** The cover's pixel size when it could be read (PNG, JPEG, WebP); link previews lay out with it. */
export interface CoverSize {
  width: number;
  height: number;
}

/** A book page's title, description, canonical URL and link previews; staff previews are not indexed. */
export function bookMetadata(book: BookForSearchEngines, coverSize: CoverSize | null = null): Metadata {
  const url = absoluteUrl(bookPath(book.slug));
  const description = plainTextSummary(book.description);
  const title = `${book.title} by ${book.author}`;
  const image = book.coverUrl
    ? { url: absoluteUrl(book.coverUrl), alt: `Cover of ${book.title}`, ...(coverSize ?? {}) }
    : undefined;
  return {
    title: book.title,
    description,
    alternates: { canonical: url },
    openGraph: {
      type: "book",
      url,
      siteName: SITE_NAME,
      title,
      description,
      authors: [book.author],
      ...(image ? { images: [image] } : {}),
    },
    twitter: {
      card: image ? "summary_large_image" : "summary",
      title,
      description,
      ...(image ? { images: [{ url: image.url, alt: image.alt }] } : {}),
    },
    ...(book.published ? {} : { robots: PRIVATE_PAGE_ROBOTS }),
  };
}

/** schema.org data for a book page: a Book (an e-book) that is also a Product on offer at its price. */
export function bookJsonLd(book: BookForSearchEngines): Record<string, unknown> {
  const url = absoluteUrl(bookPath(book.slug));
  // Only what the shop entered: no page count (not kept), no language or ISBN unless given.
  return {
    "@context": "https://schema.org",
    "@type": ["Book", "Product"],
    "@id": `${url}#book`,
    name: book.title,
    description: plainTextSummary(book.description, 5000),
    url,
    author: { "@type": "Person", name: book.author },
    bookFormat: "https://schema.org/EBook",
    ...(book.language ? { inLanguage: book.language } : {}),
    ...(book.isbn ? { isbn: book.isbn } : {}),
    ...(book.coverUrl ? { image: absoluteUrl(book.coverUrl) } : {}),
    offers: {
      "@type": "Offer",
      price: decimalPrice(book.priceCents),
      priceCurrency: book.currency.toUpperCase(),
      availability: "https://schema.org/InStock",
      url,
    },
  };
}

/**
 * JSON for a <script type="application/ld+json"> element. The HTML parser ends a script at the first
 * "</script", wherever it is in the JSON, so every "<" is written as its JSON escape.
 */
export function jsonLdText(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/** The catalog page and every published book, each with the time it last changed. */
export function sitemapEntries(books: { slug: string; updatedAt: Date }[]): MetadataRoute.Sitemap {
  const newest = books.reduce<Date | undefined>(
    (latest, book) => (latest && latest >= book.updatedAt ? latest : book.updatedAt),
    undefined,
  );
  return [
    { url: absoluteUrl("/"), ...(newest ? { lastModified: newest } : {}) },
    ...books.map((book) => ({ url: absoluteUrl(bookPath(book.slug)), lastModified: book.updatedAt })),
  ];
}

/** robots.txt: everything but the private prefixes (under APP_URL's own path, if any), and the sitemap. */
export function robotsRules(): MetadataRoute.Robots {
  const base = new URL(getConfig().appUrl).pathname.replace(/\/+$/, "");
  return {
    rules: { userAgent: "*", allow: "/", disallow: PRIVATE_PATH_PREFIXES.map((prefix) => `${base}${prefix}`) },
    sitemap: absoluteUrl("/sitemap.xml"),
  };
}
