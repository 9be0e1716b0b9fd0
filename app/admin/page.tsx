import type { Metadata } from "next";
import { requirePageRole } from "@/lib/auth/guards";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { storeCounts } from "@/lib/admin/overview";
import { AdminNav } from "./admin-nav";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminDashboardPage() {
  const user = await requirePageRole(STAFF_ROLES, "/admin");
  const counts = await storeCounts();
  const tiles = [
    { label: "Books", value: counts.books },
    { label: "Paid orders", value: counts.paidOrders },
    { label: "Downloads", value: counts.downloads },
    { label: "Customers", value: counts.customers },
  ];
  return (
    <>
      <AdminNav role={user.role} current="/admin" />
      <h1 className="font-serif text-3xl font-bold">Dashboard</h1>
      <dl className="mt-6 grid grid-cols-2 gap-4 sm:grid-cols-4">
        {tiles.map((tile) => (
          <div key={tile.label} className="rounded-lg border border-stone-200 bg-white p-4">
            <dt className="text-sm text-stone-700">{tile.label}</dt>
            <dd className="mt-1 text-3xl font-semibold">{tile.value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
