import { formatMoney } from "@/lib/catalog/money";
import type { DashboardData } from "@/lib/admin/dashboard";

/** The numbers beside the chart: the same 30 days. */
export function DashboardStats({ data }: { data: DashboardData }) {
  const main = data.revenue[0];
  const tiles = [
    {
      label: "Net revenue",
      value: main ? formatMoney(main.netCents, main.currency) : formatMoney(0, "usd"),
      note:
        data.revenue.length > 1
          ? `plus ${data.revenue.length - 1} other currenc${data.revenue.length === 2 ? "y" : "ies"}`
          : null,
    },
    {
      label: "Paid orders",
      value: data.paidOrders.toLocaleString("en-US"),
      note: data.pendingOrders ? `${data.pendingOrders} awaiting payment` : null,
    },
    { label: "Downloads", value: data.downloads.toLocaleString("en-US"), note: null },
    {
      label: "Refunded",
      value: main ? formatMoney(main.refundedCents, main.currency) : formatMoney(0, "usd"),
      note: `${data.refundedOrders} order${data.refundedOrders === 1 ? "" : "s"}`,
    },
  ];
  return (
    <dl className="grid grid-cols-2 gap-4 lg:grid-cols-1" data-testid="dashboard-stats">
      {tiles.map((tile) => (
        <div key={tile.label} className="rounded-lg border border-stone-200 bg-white p-4">
          <dt className="text-sm text-stone-700">
            {tile.label} <span className="text-stone-500">· 30 days</span>
          </dt>
          <dd className="mt-1 text-2xl font-semibold">{tile.value}</dd>
          {tile.note && <dd className="text-xs text-stone-600">{tile.note}</dd>}
        </div>
      ))}
    </dl>
  );
}
