import { requirePageRole } from "@/lib/auth/guards";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { csvExportResponse } from "@/lib/admin/csv-export";
import { ORDER_EXPORT_HEADER, orderExportBatches } from "@/lib/admin/export-orders";

export const dynamic = "force-dynamic";

/** Orders created in ?from..to as CSV. Read-only, so GET; staff and admins only (others: sign-in or 404). */
export async function GET(request: Request) {
  const url = new URL(request.url);
  await requirePageRole(STAFF_ROLES, `${url.pathname}${url.search}`);
  return csvExportResponse(request, { name: "orders", header: ORDER_EXPORT_HEADER, batches: orderExportBatches });
}
