import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { coverSize } from "@/lib/catalog/cover-size";
import { getBookBySlug } from "@/lib/catalog/queries";
import { bookMetadata } from "@/lib/catalog/search-engines";
import { AddToCartForm, BookView } from "@/app/components/book-view";

// Rendered on the first request for each book, then served from the cache until an admin's change
// (lib/catalog/page-cache.ts) or this many seconds pass (the bound on another app instance's copy).
export const revalidate = 60; // CACHED_PAGE_SECONDS: Next reads this as a literal
export const generateStaticParams = () => [];

type Props = { params: Promise<{ slug: string }> };

const loadBook = cache((slug: string) => getBookBySlug(slug));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const book = await loadBook((await params).slug);
  return book ? bookMetadata(book, await coverSize(book)) : {};
}

/** A published book's page as every visitor without a session or cart sees it. */
export default async function CachedBookPage({ params }: Props) {
  const book = await loadBook((await params).slug);
  if (!book) notFound();
  return <BookView book={book} purchase={<AddToCartForm bookId={book.id} />} />;
}
