import "server-only";
import type { Prisma } from "@prisma/client";
import { db } from "@/lib/db/client";
import { containsText } from "@/lib/db/text-search";
import { type CatalogQuery, type CatalogSort, PAGE_SIZE } from "./catalog-query";
import { formatOf } from "./formats";

export interface BookCard {
  id: string;
  slug: string;
  title: string;
  author: string;
  priceCents: number;
  currency: string;
  coverUrl: string | null;
  /** The cover's size; recorded when its AVIF and WebP copies were made (cover-variants.ts). */
  coverWidth: number | null;
  coverHeight: number | null;
}

/** The public URL of a file under MEDIA_ROOT (a cover, a sample), served by the web server. */
export function coverUrl(coverPath: string | null): string | null {
  return coverPath ? `/media/${coverPath.split("/").map(encodeURIComponent).join("/")}` : null;
}

const cardSelect = {
  id: true,
  slug: true,
  title: true,
  author: true,
  priceCents: true,
  currency: true,
  coverPath: true,
  coverWidth: true,
  coverHeight: true,
} as const;

const ORDER_BY = {
  newest: [{ createdAt: "desc" }, { id: "asc" }],
  title: [{ title: "asc" }, { id: "asc" }],
  "price-low": [{ priceCents: "asc" }, { title: "asc" }, { id: "asc" }],
  "price-high": [{ priceCents: "desc" }, { title: "asc" }, { id: "asc" }],
} satisfies Record<CatalogSort, Prisma.ProductOrderByWithRelationInput[]>;

export interface CatalogPage {
  books: BookCard[];
  /** Books matching, on every page. */
  total: number;
  page: number;
  pageCount: number;
}

/** A series' own order: by number in it, then title. */
const SERIES_ORDER: Prisma.ProductOrderByWithRelationInput[] = [
  { seriesNumber: { sort: "asc", nulls: "last" } },
  { title: "asc" },
  { id: "asc" },
];

/** Which part of the catalog a listing shows: everything, one author's, one shelf's or one series' books. */
export interface CatalogScope {
  author?: string;
  categoryId?: string;
  /** A series lists in its own order, whatever the query's sort. */
  series?: string;
}

/**
 * One page of the published books in `scope` matching a title/author search, in the chosen order; the
 * id breaks ties so that paging never repeats or skips a book. A page past the last one is empty (its
 * page says so, with a link back).
 */
export async function browseCatalog(query: CatalogQuery & CatalogScope): Promise<CatalogPage> {
  const prisma = await db();
  const where: Prisma.ProductWhereInput = {
    published: true,
    ...(query.author !== undefined ? { author: query.author } : {}),
    ...(query.series !== undefined ? { series: query.series } : {}),
    ...(query.categoryId !== undefined ? { categories: { some: { categoryId: query.categoryId } } } : {}),
    ...(query.q ? { OR: [{ title: containsText(query.q) }, { author: containsText(query.q) }] } : {}),
  };
  const [total, rows] = await Promise.all([
    prisma.product.count({ where }),
    prisma.product.findMany({
      where,
      orderBy: query.series !== undefined ? SERIES_ORDER : ORDER_BY[query.sort],
      select: cardSelect,
      skip: (query.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
    }),
  ]);
  return {
    books: rows.map(({ coverPath, ...book }) => ({ ...book, coverUrl: coverUrl(coverPath) })),
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

/** A book page: only published books, unless `includeUnpublished` (staff preview). */
export async function getBookBySlug(slug: string, options: { includeUnpublished?: boolean } = {}) {
  const prisma = await db();
  const book = await prisma.product.findUnique({
    where: { slug },
    include: {
      files: { where: { active: true }, orderBy: { displayName: "asc" } },
      categories: {
        select: { category: { select: { slug: true, name: true } } },
        orderBy: { category: { name: "asc" } },
      },
    },
  });
  if (!book || (!book.published && !options.includeUnpublished)) return null;
  return {
    id: book.id,
    slug: book.slug,
    title: book.title,
    author: book.author,
    description: book.description,
    priceCents: book.priceCents,
    currency: book.currency,
    published: book.published,
    coverPath: book.coverPath,
    coverUrl: coverUrl(book.coverPath),
    coverWidth: book.coverWidth,
    coverHeight: book.coverHeight,
    sampleUrl: coverUrl(book.samplePath),
    sampleFormat: book.samplePath
      ? formatOf(book.samplePath.endsWith(".epub") ? "application/epub+zip" : "application/pdf")
      : null,
    language: book.language,
    isbn: book.isbn,
    series: book.series,
    seriesNumber: book.seriesNumber,
    shelves: book.categories.map((row) => row.category),
    downloadLimit: book.downloadLimit,
    accessDays: book.accessDays,
    files: book.files.map((file) => ({
      id: file.id,
      name: file.displayName,
      size: file.size,
      pageCount: file.pageCount,
      format: formatOf(file.contentType),
      version: file.version,
      updatedAt: file.createdAt,
    })),
  };
}

// One sitemap file holds at most 50,000 URLs (sitemaps.org); the catalog page is one of them.
const SITEMAP_BOOKS = 49_999;

/** Every published book's slug and last change, for sitemap.xml. */
export async function listSitemapBooks(): Promise<{ slug: string; updatedAt: Date }[]> {
  const prisma = await db();
  return prisma.product.findMany({
    where: { published: true },
    orderBy: { slug: "asc" },
    select: { slug: true, updatedAt: true },
    take: SITEMAP_BOOKS,
  });
}

export type BookDetail = NonNullable<Awaited<ReturnType<typeof getBookBySlug>>>;
