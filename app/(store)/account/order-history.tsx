import { formatMoney } from "@/lib/catalog/money";
import type { OrderHistoryEntry } from "@/lib/orders/order-history";
import type { OrderStatus } from "@/lib/orders/policy";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });

// Every status, though the history lists paid orders only: a new status must say what buyers read.
const STATUS_TEXT: Record<OrderStatus, string> = {
  PAID: "Paid",
  PARTIALLY_REFUNDED: "Partly refunded",
  REFUNDED: "Refunded",
  DISPUTED: "Payment disputed",
  CANCELED: "Cancelled",
  PENDING: "Awaiting payment",
  FAILED: "Payment failed",
};

/** Each order as its receipt shows it: lines, total, refunds, status, date. */
export function OrderHistory({ orders }: { orders: OrderHistoryEntry[] }) {
  return (
    <section aria-labelledby="orders-heading">
      <h2 id="orders-heading" className="font-serif text-2xl font-semibold">
        Orders
      </h2>
      {orders.length === 0 ? (
        <p className="mt-3 text-stone-700">No orders yet.</p>
      ) : (
        <ul className="mt-3 space-y-4" data-testid="order-history">
          {orders.map((order) => (
            <li key={order.id} className="rounded-lg border border-stone-200 bg-white p-4" data-testid="order-receipt">
              <p className="text-sm text-stone-700">
                {dateFormat.format(order.paidAt ?? order.createdAt)} · {STATUS_TEXT[order.status]} · order{" "}
                <code>{order.id}</code>
              </p>
              <table className="mt-2 w-full text-sm">
                <caption className="sr-only">Receipt for order {order.id}</caption>
                <tbody>
                  {order.items.map((item) => (
                    <tr key={item.id}>
                      <th scope="row" className="py-1 text-left font-medium">
                        {item.title}
                      </th>
                      <td className="py-1 text-right">{formatMoney(item.unitPriceCents, order.currency)}</td>
                    </tr>
                  ))}
                  <tr className="border-t border-stone-200">
                    <th scope="row" className="py-1 text-left">
                      Total
                    </th>
                    <td className="py-1 text-right font-semibold">{formatMoney(order.totalCents, order.currency)}</td>
                  </tr>
                  {order.refundedCents > 0 && (
                    <tr>
                      <th scope="row" className="py-1 text-left font-normal">
                        Refunded
                      </th>
                      <td className="py-1 text-right">{formatMoney(order.refundedCents, order.currency)}</td>
                    </tr>
                  )}
                </tbody>
              </table>
              <p className="mt-1 text-xs text-stone-600">Receipt sent to {order.email}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
