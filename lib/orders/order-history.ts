import "server-only";
import { db } from "@/lib/db/client";
import { statusesWhere, wasPaid } from "./policy";

/**
 * A signed-in buyer's paid orders (refunded and disputed included), newest first, with what a receipt
 * shows. Abandoned checkouts, declined or expired, are left out: they have no receipt.
 */
export async function orderHistory(userId: string) {
  const prisma = await db();
  return prisma.order.findMany({
    where: { userId, status: statusesWhere(wasPaid) },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: {
      id: true,
      email: true,
      status: true,
      currency: true,
      totalCents: true,
      refundedCents: true,
      paidAt: true,
      createdAt: true,
      items: { select: { id: true, title: true, unitPriceCents: true } },
    },
  });
}

export type OrderHistoryEntry = Awaited<ReturnType<typeof orderHistory>>[number];
