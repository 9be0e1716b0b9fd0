import type { Metadata } from "next";
import { requirePageRole } from "@/lib/auth/guards";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { listOrdersForStaff } from "@/lib/orders/admin-orders";
import { orderListParams, orderListQuerySchema } from "@/lib/orders/staff-order-query";
import { PRIVATE_PAGE_ROBOTS } from "@/lib/catalog/search-engines";
import { AdminNav } from "../admin-nav";
import { ExportForm } from "./export-form";
import { OrderFilters } from "./order-filters";
import { OrderPagination } from "./order-pagination";
import { OrdersTable } from "./orders-table";

export const metadata: Metadata = { title: "Orders", robots: PRIVATE_PAGE_ROBOTS };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminOrdersPage({ searchParams }: { searchParams: SearchParams }) {
  const query = orderListQuerySchema.parse(await searchParams);
  const search = orderListParams(query).toString();
  const user = await requirePageRole(STAFF_ROLES, search ? `/admin/orders?${search}` : "/admin/orders");
  const page = await listOrdersForStaff(query);
  return (
    <>
      <AdminNav role={user.role} current="/admin/orders" />
      <h1 className="font-serif text-3xl font-bold">Orders</h1>
      <OrderFilters query={query} />
      <OrderPagination query={query} page={page} />
      <OrdersTable rows={page.rows} />
      <ExportForm />
    </>
  );
}
