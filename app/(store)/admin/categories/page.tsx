import type { Metadata } from "next";
import { requirePageRole } from "@/lib/auth/guards";
import { ADMIN_ROLES } from "@/lib/auth/roles";
import { listShelves } from "@/lib/catalog/categories";
import { PRIVATE_PAGE_ROBOTS } from "@/lib/catalog/search-engines";
import { AdminNav } from "../admin-nav";
import { NewShelfForm, ShelfRow } from "./shelf-forms";

export const metadata: Metadata = { title: "Shelves", robots: PRIVATE_PAGE_ROBOTS };
export const dynamic = "force-dynamic";

/** The catalog's shelves (categories): create, rename, delete; books are put on them from their page. */
export default async function AdminShelvesPage() {
  const admin = await requirePageRole(ADMIN_ROLES, "/admin/categories");
  const shelves = await listShelves();
  return (
    <>
      <AdminNav role={admin.role} current="/admin/categories" />
      <h1 className="font-serif text-3xl font-bold">Shelves</h1>
      <p className="mt-1 text-stone-700">
        Customers browse the catalog by shelf. A book can be on several: tick them on the book&rsquo;s page.
      </p>
      <section className="mt-6 rounded-lg border border-stone-200 bg-white p-6">
        <NewShelfForm />
      </section>
      {shelves.length > 0 && (
        <ul
          className="mt-6 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white"
          data-testid="shelves"
        >
          {shelves.map((shelf) => (
            <ShelfRow key={shelf.id} shelf={shelf} />
          ))}
        </ul>
      )}
    </>
  );
}
