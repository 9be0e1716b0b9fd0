import "server-only";
import { db } from "@/lib/db/client";
import type { CsvValue } from "./csv";
import type { DayRange } from "./date-range";
import { EXPORT_BATCH_SIZE } from "./export-orders";

export const DOWNLOAD_EXPORT_HEADER = [
  "Time (UTC)",
  "Event ID",
  "Outcome",
  "Order ID",
  "Grant ID",
  "Book",
  "File",
  "File version",
  "Customer email",
  "IP",
  "User agent",
  "Range",
  "Backend",
];

/**
 * Download-log rows in the range, oldest first, batch by batch on the (createdAt) index with keyset
 * pagination. User agent and the Range header are whatever the client sent: the CSV layer escapes them.
 */
export async function* downloadExportBatches(
  range: DayRange,
  batchSize = EXPORT_BATCH_SIZE,
): AsyncGenerator<CsvValue[][]> {
  const prisma = await db();
  const batchAfter = (after: { createdAt: Date; id: string } | null) =>
    prisma.downloadEvent.findMany({
      where: {
        createdAt: { gte: range.start, lt: range.end },
        ...(after
          ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] }
          : {}),
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: batchSize,
      include: {
        user: { select: { email: true } },
        grant: {
          select: {
            productFile: { select: { displayName: true } },
            orderItem: { select: { title: true, order: { select: { id: true, email: true } } } },
          },
        },
      },
    });
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const rows = await batchAfter(after);
    if (rows.length === 0) return;
    yield rows.map((event) => [
      event.createdAt,
      event.id,
      event.outcome,
      event.grant?.orderItem.order.id,
      event.grantId,
      event.grant?.orderItem.title,
      event.grant?.productFile.displayName,
      event.fileVersion,
      event.user?.email ?? event.grant?.orderItem.order.email,
      event.ip,
      event.userAgent,
      event.range,
      event.backend,
    ]);
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1];
    after = { createdAt: last.createdAt, id: last.id };
  }
}
