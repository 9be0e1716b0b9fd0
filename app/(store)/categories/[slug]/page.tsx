import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { catalogQuerySchema, shelfHref } from "@/lib/catalog/catalog-query";
import { shelfBySlug } from "@/lib/catalog/categories";
import { browseCatalog } from "@/lib/catalog/queries";
import { catalogMetadata } from "@/lib/catalog/search-engines";
import { BookListing } from "@/app/components/book-listing";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const shelf = await shelfBySlug((await params).slug);
  if (!shelf) return {};
  const query = catalogQuerySchema.parse(await searchParams);
  return { title: shelf.name, ...catalogMetadata({ ...query, q: "" }, shelfHref(shelf.slug)) };
}

/** One shelf's published books, paged and sortable like the catalog; an empty shelf still shows. */
export default async function ShelfPage({ params, searchParams }: Props) {
  const shelf = await shelfBySlug((await params).slug);
  if (!shelf) notFound();
  const query = { ...catalogQuerySchema.parse(await searchParams), q: "" };
  const result = await browseCatalog({ ...query, categoryId: shelf.id });
  return <BookListing title={shelf.name} path={shelfHref(shelf.slug)} query={query} result={result} />;
}
