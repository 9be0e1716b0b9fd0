import "server-only";
import { db } from "@/lib/db/client";
import { containsText } from "@/lib/db/text-search";
import { formatOf } from "./formats";

export interface BookCard {
  id: string;
  slug: string;
  title: string;
  author: string;
  priceCents: number;
  currency: string;
  coverUrl: string | null;
}

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
} as const;

/** Published books, optionally filtered by a title/author search, newest first. */
export async function listPublishedBooks(search?: string): Promise<BookCard[]> {
  const prisma = await db();
  const query = search?.trim().slice(0, 100);
  const rows = await prisma.product.findMany({
    where: {
      published: true,
      ...(query ? { OR: [{ title: containsText(query) }, { author: containsText(query) }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { title: "asc" }],
    select: cardSelect,
    take: 200,
  });
  return rows.map(({ coverPath, ...book }) => ({ ...book, coverUrl: coverUrl(coverPath) }));
}

/** A book page: only published books, unless `includeUnpublished` (staff preview). */
export async function getBookBySlug(slug: string, options: { includeUnpublished?: boolean } = {}) {
  const prisma = await db();
  const book = await prisma.product.findUnique({
    where: { slug },
    include: { files: { where: { active: true }, orderBy: { displayName: "asc" } } },
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
    downloadLimit: book.downloadLimit,
    accessDays: book.accessDays,
    files: book.files.map((file) => ({
      id: file.id,
      name: file.displayName,
      size: file.size,
      format: formatOf(file.contentType),
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
