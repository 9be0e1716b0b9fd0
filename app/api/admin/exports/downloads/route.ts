import { requirePageRole } from "@/lib/auth/guards";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { csvExportResponse } from "@/lib/admin/csv-export";
import { DOWNLOAD_EXPORT_HEADER, downloadExportBatches } from "@/lib/admin/export-downloads";

export const dynamic = "force-dynamic";

/** The download log of ?from..to as CSV. Read-only, so GET; staff and admins only (others: sign-in or 404). */
export async function GET(request: Request) {
  const url = new URL(request.url);
  await requirePageRole(STAFF_ROLES, `${url.pathname}${url.search}`);
  return csvExportResponse(request, {
    name: "downloads",
    header: DOWNLOAD_EXPORT_HEADER,
    batches: downloadExportBatches,
  });
}
