import "server-only";
import { db } from "@/lib/db/client";
import type { CsvValue } from "./csv";
import type { DayRange } from "./date-range";

export const EXPORT_BATCH_SIZE = 500;

export const ORDER_EXPORT_HEADER = [
  "Order ID",
  "Created (UTC)",
  "Paid (UTC)",
  "Status",
  "Email",
  "Items",
  "Titles",
  "Currency",
  "Total",
  "Refunded",
  "Stripe Checkout Session",
  "Stripe PaymentIntent",
];

const decimal = (cents: number) => (cents / 100).toFixed(2);

/**
 * Orders created in the range, oldest first, EXPORT_BATCH_SIZE rows per yield. Keyset pagination on
 * (createdAt, id) walks the createdAt index, so each batch costs the same however deep the export is.
 */
export async function* orderExportBatches(
  range: DayRange,
  batchSize = EXPORT_BATCH_SIZE,
): AsyncGenerator<CsvValue[][]> {
  const prisma = await db();
  const batchAfter = (after: { createdAt: Date; id: string } | null) =>
    prisma.order.findMany({
      where: {
        createdAt: { gte: range.start, lt: range.end },
        ...(after
          ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] }
          : {}),
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: batchSize,
      include: { items: { select: { title: true }, orderBy: { title: "asc" } } },
    });
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const rows = await batchAfter(after);
    if (rows.length === 0) return;
    yield rows.map((order) => [
      order.id,
      order.createdAt,
      order.paidAt,
      order.status,
      order.email,
      order.items.length,
      order.items.map((item) => item.title).join("; "),
      order.currency.toUpperCase(),
      decimal(order.totalCents),
      decimal(order.refundedCents),
      order.stripeCheckoutSessionId,
      order.stripePaymentIntentId,
    ]);
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1];
    after = { createdAt: last.createdAt, id: last.id };
  }
}
