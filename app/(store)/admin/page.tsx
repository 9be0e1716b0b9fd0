import type { Metadata } from "next";
import { requirePageRole } from "@/lib/auth/guards";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { dashboardData } from "@/lib/admin/dashboard";
import { PRIVATE_PAGE_ROBOTS } from "@/lib/catalog/search-engines";
import { AdminNav } from "./admin-nav";
import { RecentOrders, SharedLinks, TopBooks } from "./dashboard-lists";
import { sharedLinkThreshold } from "@/lib/orders/link-networks";
import { DashboardStats } from "./dashboard-stats";
import { RevenueChart } from "./revenue-chart";
import { StampedCopiesPanel } from "./stamped-copies-panel";
import { stampedDiskUse } from "@/lib/stamping/cleanup";
import { formatBytes } from "@/lib/catalog/money";

export const metadata: Metadata = { title: "Admin", robots: PRIVATE_PAGE_ROBOTS };

export default async function AdminDashboardPage() {
  const user = await requirePageRole(STAFF_ROLES, "/admin");
  const [data, stamped] = await Promise.all([dashboardData(), stampedDiskUse()]);
  const main = data.revenue[0];
  const days = main?.days ?? data.days.map((day) => ({ day, netCents: 0, orders: 0 }));
  const currency = main?.currency ?? "usd";
  return (
    <>
      <AdminNav role={user.role} current="/admin" />
      <h1 className="font-serif text-3xl font-bold">Dashboard</h1>
      <div className="mt-6 grid gap-6 lg:grid-cols-4">
        <div className="lg:col-span-3">
          <RevenueChart
            days={days}
            currency={currency}
            label={`Net revenue per day, last 30 days (${currency.toUpperCase()})`}
          />
        </div>
        <DashboardStats data={data} />
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <TopBooks books={data.topBooks} />
        <RecentOrders orders={data.recentOrders} />
        <SharedLinks grants={data.sharedLinks} threshold={sharedLinkThreshold()} />
      </div>
      <div className="mt-6">
        <StampedCopiesPanel use={stamped} size={formatBytes(stamped.bytes)} canClean={user.role === "ADMIN"} />
      </div>
    </>
  );
}
