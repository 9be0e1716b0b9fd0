import type { Metadata } from "next";
import Link from "next/link";
import { requirePageRole } from "@/lib/auth/guards";
import { ADMIN_ROLES } from "@/lib/auth/roles";
import { bookListQuerySchema, searchBooksForAdmin } from "@/lib/catalog/admin-book-queries";
import { formatMoney } from "@/lib/catalog/money";
import { PRIVATE_PAGE_ROBOTS } from "@/lib/catalog/search-engines";
import { AdminNav } from "../admin-nav";
import { BookStatus } from "./book-status";
import { ScrollRegion } from "@/app/components/scroll-region";

export const metadata: Metadata = { title: "Books", robots: PRIVATE_PAGE_ROBOTS };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminBooksPage({ searchParams }: Props) {
  const user = await requirePageRole(ADMIN_ROLES, "/admin/books");
  const query = bookListQuerySchema.parse(await searchParams);
  const books = await searchBooksForAdmin(query);
  const filtered = query.q !== "" || query.status !== "all";
  return (
    <>
      <AdminNav role={user.role} current="/admin/books" />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="font-serif text-3xl font-bold">Books</h1>
        <Link href="/admin/books/new" className="btn-primary">
          New book
        </Link>
      </div>
      <form role="search" action="/admin/books" className="mt-6 flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <label htmlFor="q" className="label">
            Title, author or slug
          </label>
          <input id="q" name="q" type="search" defaultValue={query.q} className="field" />
        </div>
        <div>
          <label htmlFor="status" className="label">
            Status
          </label>
          <select id="status" name="status" defaultValue={query.status} className="field">
            <option value="all">All</option>
            <option value="published">Published</option>
            <option value="draft">Draft</option>
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          Search
        </button>
        {filtered && (
          <Link href="/admin/books" className="py-2 text-sm underline">
            Clear
          </Link>
        )}
      </form>
      <p className="mt-4 text-sm text-stone-700" aria-live="polite">
        {books.length} book{books.length === 1 ? "" : "s"}
      </p>
      <ScrollRegion label="Books" className="mt-2 rounded-lg border border-stone-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="admin-books">
          <caption className="sr-only">Books{filtered ? " matching the search" : ""}</caption>
          <thead className="bg-stone-100 text-stone-800">
            <tr>
              <th scope="col" className="p-3">
                Title
              </th>
              <th scope="col" className="p-3">
                Author
              </th>
              <th scope="col" className="p-3">
                Files on sale
              </th>
              <th scope="col" className="p-3">
                Status
              </th>
              <th scope="col" className="p-3 text-right">
                Price
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-200">
            {books.map((book) => (
              <tr key={book.id}>
                <td className="p-3">
                  <Link href={`/admin/books/${book.id}`} className="font-medium underline-offset-2 hover:underline">
                    {book.title}
                  </Link>
                </td>
                <td className="p-3">{book.author}</td>
                <td className="p-3">{book.filesOnSale}</td>
                <td className="p-3">
                  <BookStatus published={book.published} />
                </td>
                <td className="p-3 text-right tabular-nums">{formatMoney(book.priceCents, book.currency)}</td>
              </tr>
            ))}
            {books.length === 0 && (
              <tr>
                <td colSpan={5} className="p-6 text-center text-stone-700">
                  No books match.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}
