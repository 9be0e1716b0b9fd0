import "server-only";
import { db } from "@/lib/db/client";

/** What a buyer may see about an order: lines, total, status, email. No links, no grants. */
export async function orderSummary(orderId: string) {
  const prisma = await db();
  return prisma.order.findUnique({
    where: { id: orderId },
    select: {
      id: true,
      email: true,
      status: true,
      userId: true,
      currency: true,
      totalCents: true,
      items: { select: { id: true, title: true, unitPriceCents: true } },
    },
  });
}
