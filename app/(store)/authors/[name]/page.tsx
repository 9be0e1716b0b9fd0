import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { authorHref, catalogQuerySchema, nameFromSegment } from "@/lib/catalog/catalog-query";
import { browseCatalog } from "@/lib/catalog/queries";
import { catalogMetadata } from "@/lib/catalog/search-engines";
import { BookListing } from "@/app/components/book-listing";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// Next.js hands the segment over still percent-encoded; proxy.ts answers a malformed one with 400.
const authorOf = async (params: Props["params"]) => nameFromSegment((await params).name);

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const author = await authorOf(params);
  if (!author) return {};
  const query = catalogQuerySchema.parse(await searchParams);
  return { title: `Books by ${author}`, ...catalogMetadata({ ...query, q: "" }, authorHref(author)) };
}

/** Every published book by one author (exactly that name), paged and sortable like the catalog. */
export default async function AuthorPage({ params, searchParams }: Props) {
  const author = await authorOf(params);
  if (!author) notFound();
  const query = { ...catalogQuerySchema.parse(await searchParams), q: "" };
  const result = await browseCatalog({ ...query, author });
  if (result.total === 0) notFound();
  return <BookListing title={author} path={authorHref(author)} query={query} result={result} />;
}
