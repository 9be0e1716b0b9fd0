import type { ReactNode } from "react";
import { formatMoney } from "@/lib/catalog/money";
import type { StaffOrderDetail } from "@/lib/orders/order-detail";
import { formatUtc } from "../format";

export function PaymentCard({ order }: { order: StaffOrderDetail["order"] }) {
  const money = (cents: number) => formatMoney(cents, order.currency);
  const rows: [string, ReactNode][] = [
    ["Customer", order.email || "(not given yet)"],
    [
      "Account",
      order.user ? (order.user.name ? `${order.user.name} (${order.user.email})` : order.user.email) : "Guest checkout",
    ],
    ["Created", formatUtc(order.createdAt)],
    ["Paid", order.paidAt ? formatUtc(order.paidAt) : "Not paid"],
    ["Total", money(order.totalCents)],
    ["Refunded", money(order.refundedCents)],
    ["Net", money(order.totalCents - order.refundedCents)],
    [
      "Checkout session",
      <code key="cs" className="break-all text-xs">
        {order.stripeCheckoutSessionId ?? "—"}
      </code>,
    ],
    [
      "PaymentIntent",
      <code key="pi" className="break-all text-xs">
        {order.stripePaymentIntentId ?? "—"}
      </code>,
    ],
  ];
  return (
    <section aria-labelledby="payment-heading" className="rounded-lg border border-stone-200 bg-white p-4">
      <h2 id="payment-heading" className="font-serif text-xl font-semibold">
        Payment
      </h2>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-stone-600">{label}</dt>
            <dd className="min-w-0">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
