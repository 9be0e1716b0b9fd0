import type { Metadata } from "next";
import Link from "next/link";
import { requirePageRole } from "@/lib/auth/guards";
import { ADMIN_ROLES } from "@/lib/auth/roles";
import { getConfig } from "@/lib/config";
import { PRIVATE_PAGE_ROBOTS } from "@/lib/catalog/search-engines";
import { AdminNav } from "../../admin-nav";
import { listShelves } from "@/lib/catalog/categories";
import { BookForm } from "../book-form";

export const metadata: Metadata = { title: "New book", robots: PRIVATE_PAGE_ROBOTS };
export const dynamic = "force-dynamic";

export default async function NewBookPage() {
  const user = await requirePageRole(ADMIN_ROLES, "/admin/books/new");
  const { defaultLimit, defaultAccessDays } = getConfig().downloads;
  return (
    <>
      <AdminNav role={user.role} current="/admin/books" />
      <p className="text-sm">
        <Link href="/admin/books" className="underline">
          ← Books
        </Link>
      </p>
      <h1 className="mt-2 font-serif text-3xl font-bold">New book</h1>
      <p className="mt-1 text-stone-700">The book starts as a draft: add its cover and files next, then publish it.</p>
      <section className="mt-6 rounded-lg border border-stone-200 bg-white p-6">
        <BookForm
          storeDefaults={{ downloadLimit: defaultLimit, accessDays: defaultAccessDays }}
          shelves={await listShelves()}
        />
      </section>
    </>
  );
}
