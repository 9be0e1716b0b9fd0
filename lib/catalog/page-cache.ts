import "server-only";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db/client";

// The store pages served from Next's cache (app/(cached)/cached, see docs/ARCHITECTURE.md "Cached pages"),
// and what an admin's change must drop from it. Each app instance has its own copy: the others
// refresh theirs within the pages' `revalidate` (60 s).

// Route patterns are named with their route group, as Next tags the cached pages.
const CATALOG_PAGES = "/(cached)/cached/catalog/[sort]/[page]";
const BOOK_PAGES = "/(cached)/cached/books/[slug]";
const bookPage = (slug: string) => `/cached/books/${slug}`;

/** A book's page under its current slug. */
export async function bookSlug(bookId: string): Promise<string | null> {
  const prisma = await db();
  const book = await prisma.product.findUnique({ where: { id: bookId }, select: { slug: true } });
  return book?.slug ?? null;
}

/**
 * A book changed (details, price, cover, sample, files, publication, shelves): its page, under its
 * current slug and `previousSlug` if it had another, and every catalog page, which may list it.
 */
export async function refreshBookPages(bookId: string, previousSlug?: string | null) {
  const slug = await bookSlug(bookId);
  for (const each of new Set([slug, previousSlug])) if (each) revalidatePath(bookPage(each));
  revalidatePath(CATALOG_PAGES, "page");
}

/** Shelves changed (created, renamed, deleted): the catalog pages list them, book pages name them. */
export function refreshAllStorePages() {
  revalidatePath(CATALOG_PAGES, "page");
  revalidatePath(BOOK_PAGES, "page");
}
