import Link from "next/link";
import { formatMoney } from "@/lib/catalog/money";
import type { StaffOrderRow } from "@/lib/orders/admin-orders";
import { formatUtc } from "./format";
import { StatusBadge } from "./status-badge";
import { ScrollRegion } from "@/app/components/scroll-region";

export function OrdersTable({ rows }: { rows: StaffOrderRow[] }) {
  if (rows.length === 0)
    return <p className="mt-6 rounded-lg border border-stone-200 bg-white p-6 text-stone-700">No orders match.</p>;
  return (
    <ScrollRegion label="Orders" className="mt-6 rounded-lg border border-stone-200 bg-white">
      <table className="w-full text-left text-sm" data-testid="orders-table">
        <caption className="sr-only">Orders</caption>
        <thead className="bg-stone-100 text-stone-800">
          <tr>
            <th scope="col" className="p-3">
              Order
            </th>
            <th scope="col" className="p-3">
              Created
            </th>
            <th scope="col" className="p-3">
              Email
            </th>
            <th scope="col" className="p-3">
              Status
            </th>
            <th scope="col" className="p-3 text-right">
              Items
            </th>
            <th scope="col" className="p-3 text-right">
              Total
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-200">
          {rows.map((order) => (
            <tr key={order.id} className="hover:bg-stone-50">
              <td className="p-3">
                <Link
                  href={`/admin/orders/${order.id}`}
                  className="font-mono text-xs font-semibold text-accent hover:underline"
                >
                  {order.id}
                </Link>
              </td>
              <td className="whitespace-nowrap p-3">{formatUtc(order.createdAt)}</td>
              <td className="p-3">{order.email || <span className="text-stone-500">(not given yet)</span>}</td>
              <td className="p-3">
                <StatusBadge status={order.status} />
              </td>
              <td className="p-3 text-right">{order._count.items}</td>
              <td className="whitespace-nowrap p-3 text-right">
                {formatMoney(order.totalCents, order.currency)}
                {order.refundedCents > 0 && (
                  <span className="block text-xs text-red-800">
                    −{formatMoney(order.refundedCents, order.currency)} refunded
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
