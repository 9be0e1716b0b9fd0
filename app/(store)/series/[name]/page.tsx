import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { catalogQuerySchema, nameFromSegment, seriesHref } from "@/lib/catalog/catalog-query";
import { browseCatalog } from "@/lib/catalog/queries";
import { catalogMetadata } from "@/lib/catalog/search-engines";
import { BookListing } from "@/app/components/book-listing";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const seriesOf = async (params: Props["params"]) => nameFromSegment((await params).name);

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const series = await seriesOf(params);
  if (!series) return {};
  const query = catalogQuerySchema.parse(await searchParams);
  return { title: series, ...catalogMetadata({ ...query, q: "" }, seriesHref(series)) };
}

/** A series' published books in their order (book 1, 2, …; unnumbered ones last, by title). */
export default async function SeriesPage({ params, searchParams }: Props) {
  const series = await seriesOf(params);
  if (!series) notFound();
  const query = { ...catalogQuerySchema.parse(await searchParams), q: "", sort: "newest" as const };
  const result = await browseCatalog({ ...query, series });
  if (result.total === 0) notFound();
  return <BookListing title={series} path={seriesHref(series)} query={query} result={result} sortable={false} />;
}
