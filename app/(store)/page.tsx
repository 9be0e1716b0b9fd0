import type { Metadata } from "next";
import { catalogQuerySchema } from "@/lib/catalog/catalog-query";
import { listShelves } from "@/lib/catalog/categories";
import { browseCatalog } from "@/lib/catalog/queries";
import { catalogMetadata } from "@/lib/catalog/search-engines";
import { CatalogView } from "@/app/components/catalog-view";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return catalogMetadata(catalogQuerySchema.parse(await searchParams));
}

/**
 * The catalog for a search, or for a visitor with a session or a cart; proxy.ts sends everyone else's
 * plain pages (any sort, any page number) to app/(cached)/cached/catalog.
 */
export default async function CatalogPage({ searchParams }: Props) {
  const query = catalogQuerySchema.parse(await searchParams);
  const [result, shelves] = await Promise.all([browseCatalog(query), listShelves()]);
  return <CatalogView query={query} result={result} shelves={shelves} />;
}
