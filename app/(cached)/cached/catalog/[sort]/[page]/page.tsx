import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { catalogQuerySchema } from "@/lib/catalog/catalog-query";
import { listShelves } from "@/lib/catalog/categories";
import { browseCatalog } from "@/lib/catalog/queries";
import { catalogMetadata } from "@/lib/catalog/search-engines";
import { CatalogView } from "@/app/components/catalog-view";

// Rendered on the first request for each order and page number, then served from the cache until an
// admin's change (lib/catalog/page-cache.ts) or 60 s pass (the bound on another app instance's copy).
export const revalidate = 60;
export const generateStaticParams = () => [];

type Props = { params: Promise<{ sort: string; page: string }> };

/** proxy.ts only sends canonical pages here; anything else would be a second URL for the same page. */
async function queryOf(params: Props["params"]) {
  const { sort, page } = await params;
  const query = catalogQuerySchema.safeParse({ q: "", sort, page });
  if (!query.success || query.data.sort !== sort || String(query.data.page) !== page) notFound();
  return query.data;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return catalogMetadata(await queryOf(params));
}

/** A page of the catalog, without a search, as every visitor without a session or cart sees it. */
export default async function CachedCatalogPage({ params }: Props) {
  const query = await queryOf(params);
  const [result, shelves] = await Promise.all([browseCatalog(query), listShelves()]);
  return <CatalogView query={query} result={result} shelves={shelves} />;
}
