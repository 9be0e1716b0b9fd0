import Link from "next/link";
import { formatMoney } from "@/lib/catalog/money";
import type { DashboardData } from "@/lib/admin/dashboard";
import { formatUtc } from "./orders/format";
import { StatusBadge } from "./orders/status-badge";

export function TopBooks({ books }: { books: DashboardData["topBooks"] }) {
  return (
    <section aria-labelledby="top-books-heading" className="rounded-lg border border-stone-200 bg-white p-4">
      <h2 id="top-books-heading" className="font-serif text-xl font-semibold">
        Top books · 30 days
      </h2>
      {books.length === 0 ? (
        <p className="mt-3 text-sm text-stone-700">No sales yet.</p>
      ) : (
        <ol className="mt-3 divide-y divide-stone-200 text-sm" data-testid="top-books">
          {books.map((book, index) => (
            <li key={book.productId} className="flex items-baseline justify-between gap-3 py-2">
              <span>
                <span className="mr-2 text-stone-500">{index + 1}.</span>
                {book.title}
              </span>
              <span className="whitespace-nowrap text-stone-700">
                {`${book.sold} sold · ${formatMoney(book.revenueCents, book.currency)}`}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function SharedLinks({ grants, threshold }: { grants: DashboardData["sharedLinks"]; threshold: number }) {
  return (
    <section aria-labelledby="shared-links-heading" className="rounded-lg border border-stone-200 bg-white p-4">
      <h2 id="shared-links-heading" className="font-serif text-xl font-semibold">
        Links used from many networks
      </h2>
      <p className="mt-1 text-sm text-stone-700">
        {`Downloads seen from more than ${threshold} networks in 30 days: a link may have been shared. `}
        Open the order to stop its links.
      </p>
      {grants.length === 0 ? (
        <p className="mt-3 text-sm text-stone-700">No link looks shared.</p>
      ) : (
        <ul className="mt-3 divide-y divide-stone-200 text-sm" data-testid="shared-links">
          {grants.map((grant) => (
            <li key={grant.grantId} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
              <span className="min-w-0">
                <Link href={`/admin/orders/${grant.orderId}`} className="font-medium hover:underline">
                  {grant.email || grant.orderId}
                </Link>
                <span className="block text-xs text-stone-600">{`${grant.book} · ${grant.file}`}</span>
              </span>
              <span className="whitespace-nowrap text-stone-700">
                {`${grant.networks.month} networks in 30 days · ${grant.networks.day} in 24 h`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function RecentOrders({ orders }: { orders: DashboardData["recentOrders"] }) {
  return (
    <section aria-labelledby="recent-orders-heading" className="rounded-lg border border-stone-200 bg-white p-4">
      <div className="flex items-baseline justify-between">
        <h2 id="recent-orders-heading" className="font-serif text-xl font-semibold">
          Recent orders
        </h2>
        <Link href="/admin/orders" className="text-sm text-accent hover:underline">
          All orders →
        </Link>
      </div>
      {orders.length === 0 ? (
        <p className="mt-3 text-sm text-stone-700">No orders yet.</p>
      ) : (
        <ul className="mt-3 divide-y divide-stone-200 text-sm" data-testid="recent-orders">
          {orders.map((order) => (
            <li key={order.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <Link href={`/admin/orders/${order.id}`} className="min-w-0 truncate hover:underline">
                {order.email || order.id}
              </Link>
              <span className="flex items-center gap-3 whitespace-nowrap">
                <StatusBadge status={order.status} />
                <span>{formatMoney(order.totalCents, order.currency)}</span>
                <span className="text-xs text-stone-600">{formatUtc(order.createdAt)}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
