import type { Metadata } from "next";
import { requirePageRole } from "@/lib/auth/guards";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { recentOrders } from "@/lib/admin/overview";
import { formatMoney } from "@/lib/catalog/money";
import { AdminNav } from "../admin-nav";

export const metadata: Metadata = { title: "Orders" };

export default async function AdminOrdersPage() {
  const user = await requirePageRole(STAFF_ROLES, "/admin/orders");
  const orders = await recentOrders();
  return (
    <>
      <AdminNav role={user.role} current="/admin/orders" />
      <h1 className="font-serif text-3xl font-bold">Orders</h1>
      <div className="mt-6 overflow-x-auto rounded-lg border border-stone-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Most recent orders</caption>
          <thead className="bg-stone-100 text-stone-800">
            <tr><th scope="col" className="p-3">Order</th><th scope="col" className="p-3">Email</th><th scope="col" className="p-3">Status</th><th scope="col" className="p-3">Items</th><th scope="col" className="p-3 text-right">Total</th><th scope="col" className="p-3">Created</th></tr>
          </thead>
          <tbody className="divide-y divide-stone-200">
            {orders.map((order) => (
              <tr key={order.id}>
                <td className="p-3 font-mono text-xs">{order.id}</td>
                <td className="p-3">{order.email}</td>
                <td className="p-3">{order.status}</td>
                <td className="p-3">{order._count.items}</td>
                <td className="p-3 text-right">{formatMoney(order.totalCents, order.currency)}</td>
                <td className="p-3">{order.createdAt.toISOString().slice(0, 16).replace("T", " ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
