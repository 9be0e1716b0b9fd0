import type { Metadata } from "next";
import Link from "next/link";
import { requirePageRole } from "@/lib/auth/guards";
import { ADMIN_ROLES } from "@/lib/auth/roles";
import { listBooksForAdmin } from "@/lib/admin/overview";
import { formatMoney } from "@/lib/catalog/money";
import { AdminNav } from "../admin-nav";

export const metadata: Metadata = { title: "Books" };

export default async function AdminBooksPage() {
  const user = await requirePageRole(ADMIN_ROLES, "/admin/books");
  const books = await listBooksForAdmin();
  return (
    <>
      <AdminNav role={user.role} current="/admin/books" />
      <h1 className="font-serif text-3xl font-bold">Books</h1>
      <div className="mt-6 overflow-x-auto rounded-lg border border-stone-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-stone-100"><tr><th scope="col" className="p-3">Title</th><th scope="col" className="p-3">Author</th><th scope="col" className="p-3">Files</th><th scope="col" className="p-3">Status</th><th scope="col" className="p-3 text-right">Price</th></tr></thead>
          <tbody className="divide-y divide-stone-200">
            {books.map((book) => (
              <tr key={book.id}>
                <td className="p-3"><Link href={`/books/${book.slug}`} className="font-medium hover:underline">{book.title}</Link></td>
                <td className="p-3">{book.author}</td>
                <td className="p-3">{book._count.files}</td>
                <td className="p-3">{book.published ? "Published" : "Draft"}</td>
                <td className="p-3 text-right">{formatMoney(book.priceCents, book.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
