import Link from "next/link";
import type { StaffOrderPage } from "@/lib/orders/admin-orders";
import { orderListParams, type OrderListQuery } from "@/lib/orders/staff-order-query";

export function OrderPagination({ query, page }: { query: OrderListQuery; page: StaffOrderPage }) {
  const href = (cursor: { after?: string; before?: string }) => `/admin/orders?${orderListParams(query, cursor)}`;
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm">
      <p
        className="text-stone-700"
        data-testid="orders-count"
      >{`${page.total.toLocaleString("en-US")} ${page.total === 1 ? "order" : "orders"}`}</p>
      <div className="flex gap-3">
        {page.previous ? (
          <Link href={href({ before: page.previous })} className="btn-secondary" rel="prev">
            Previous page
          </Link>
        ) : (
          <span className="btn-secondary opacity-50" aria-disabled="true">
            Previous page
          </span>
        )}
        {page.next ? (
          <Link href={href({ after: page.next })} className="btn-secondary" rel="next">
            Next page
          </Link>
        ) : (
          <span className="btn-secondary opacity-50" aria-disabled="true">
            Next page
          </span>
        )}
      </div>
    </nav>
  );
}
