import "server-only";
import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { db } from "@/lib/db/client";
import { dropPageCopies } from "./page-copies";

// The store pages served from Next's cache (app/(cached)/cached, see docs/ARCHITECTURE.md "Cached pages"),
// and what an admin's change must drop from it and from the page lane's copies of it. Each app instance
// has its own copies: the others refresh theirs within the pages' `revalidate` (60 s).

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
  const pages = [...new Set([slug, previousSlug])].filter((each): each is string => Boolean(each));
  for (const each of pages) revalidatePath(bookPage(each));
  revalidatePath(CATALOG_PAGES, "page");
  const dropped = new Set(pages.map(bookPage));
  dropLaneCopies((internalPath) => dropped.has(internalPath) || internalPath.startsWith("/cached/catalog/"));
}

/** Shelves changed (created, renamed, deleted): the catalog pages list them, book pages name them. */
export function refreshAllStorePages() {
  revalidatePath(CATALOG_PAGES, "page");
  revalidatePath(BOOK_PAGES, "page");
  dropLaneCopies(() => true);
}

/**
 * Now, and again once the answer is sent: Next marks its copies stale only when the action or route
 * handler has finished, so the lane could otherwise refill from the old copy in between.
 */
function dropLaneCopies(matches: (internalPath: string) => boolean) {
  dropPageCopies(matches);
  try {
    after(() => dropPageCopies(matches));
  } catch {
    // Outside a request (a script): Next's copies are marked at once, nothing to wait for.
  }
}
