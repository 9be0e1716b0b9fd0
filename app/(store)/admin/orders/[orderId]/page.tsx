import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requirePageRole } from "@/lib/auth/guards";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { orderDetailForStaff } from "@/lib/orders/order-detail";
import { isOwned, isRefundable } from "@/lib/orders/policy";
import { PRIVATE_PAGE_ROBOTS } from "@/lib/catalog/search-engines";
import { AdminNav } from "../../admin-nav";
import { formatDay } from "../format";
import { StatusBadge } from "../status-badge";
import { DownloadLog } from "./download-log";
import { GrantsTable } from "./grants-table";
import { OrderActions } from "./order-actions";
import { OrderTimeline } from "./order-timeline";
import { PaymentCard } from "./payment-card";
import { RefundItemsForm } from "./refund-items-form";

export const metadata: Metadata = { title: "Order", robots: PRIVATE_PAGE_ROBOTS };

const orderIdSchema = z.string().min(1).max(64);

export default async function StaffOrderPage({ params }: { params: Promise<{ orderId: string }> }) {
  const { orderId } = await params;
  const user = await requirePageRole(STAFF_ROLES, `/admin/orders/${encodeURIComponent(orderId)}`);
  const id = orderIdSchema.safeParse(orderId);
  const detail = id.success ? await orderDetailForStaff(id.data) : null;
  if (!detail) notFound();

  const { order, items, grants } = detail;
  const now = new Date();
  const refundable = isRefundable(order);
  const canRestore = isOwned(order.status);
  const lines = items.map((item) => ({
    id: item.id,
    title: item.title,
    unitPriceCents: item.unitPriceCents,
    refundedOn: item.refundedAt ? formatDay(item.refundedAt) : null,
  }));

  return (
    <>
      <AdminNav role={user.role} current="/admin/orders" />
      <p className="text-sm">
        <Link href="/admin/orders" className="text-accent hover:underline">
          ← Orders
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="font-serif text-3xl font-bold">
          Order <span className="font-mono text-xl">{order.id}</span>
        </h1>
        <StatusBadge status={order.status} />
      </div>
      <p className="mt-1 text-stone-700">{order.email || "No email yet"}</p>

      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section aria-labelledby="lines-heading" className="rounded-lg border border-stone-200 bg-white">
            <h2 id="lines-heading" className="p-4 pb-2 font-serif text-xl font-semibold">
              Lines
            </h2>
            <RefundItemsForm
              orderId={order.id}
              currency={order.currency}
              lines={lines}
              refundable={refundable}
              totalCents={order.totalCents}
              remainingCents={order.totalCents - order.refundedCents}
            />
          </section>
          <section aria-labelledby="grants-heading" className="rounded-lg border border-stone-200 bg-white">
            <h2 id="grants-heading" className="p-4 pb-2 font-serif text-xl font-semibold">
              Downloads allowed
            </h2>
            {!canRestore && grants.length > 0 && (
              <p className="px-4 pb-2 text-sm text-stone-700">
                This order is {order.status.toLowerCase().replace("_", " ")}: none of its files can be downloaded.
              </p>
            )}
            <GrantsTable orderId={order.id} grants={grants} canRestore={canRestore} now={now} />
          </section>
          <section aria-labelledby="log-heading" className="rounded-lg border border-stone-200 bg-white">
            <h2 id="log-heading" className="p-4 pb-2 font-serif text-xl font-semibold">
              Download log
            </h2>
            <DownloadLog downloads={detail.downloads} />
          </section>
        </div>
        <div className="space-y-6">
          <PaymentCard order={order} />
          {grants.length > 0 && <OrderActions detail={detail} canRestore={canRestore} now={now} />}
          <OrderTimeline entries={detail.timeline} />
        </div>
      </div>
    </>
  );
}
