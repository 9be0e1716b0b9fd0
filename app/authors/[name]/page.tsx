import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { authorHref, catalogQuerySchema } from "@/lib/catalog/catalog-query";
import { browseCatalog } from "@/lib/catalog/queries";
import { catalogMetadata } from "@/lib/catalog/search-engines";
import { BookGrid } from "@/app/components/book-grid";
import { Pagination, SortLinks } from "@/app/components/catalog-controls";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The author's name from the path, which Next.js hands over still percent-encoded; null when unreadable. */
async function authorOf(params: Props["params"]): Promise<string | null> {
  try {
    const name = decodeURIComponent((await params).name);
    return name.length > 0 && name.length <= 200 ? name : null;
  } catch {
    return null; // proxy.ts answers malformed addresses with 400 before this
  }
}

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
  const { books, total, pageCount } = await browseCatalog({ ...query, author });
  if (total === 0) notFound();
  const path = authorHref(author);
  return (
    <>
      <p className="text-sm">
        <Link href="/" className="underline">
          All books
        </Link>
      </p>
      <div className="mb-6 mt-2 flex flex-col gap-2 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="font-serif text-4xl font-bold">{author}</h1>
          <p className="mt-1 text-stone-700" data-testid="catalog-count">
            {total} book{total === 1 ? "" : "s"}
          </p>
        </div>
        <SortLinks path={path} query={query} />
      </div>
      <BookGrid books={books} />
      <Pagination path={path} query={query} pageCount={pageCount} />
    </>
  );
}
