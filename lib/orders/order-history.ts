import "server-only";
import { db } from "@/lib/db/client";

/** A signed-in buyer's orders, newest first, with what a receipt shows (abandoned checkouts left out). */
export async function orderHistory(userId: string) {
  const prisma = await db();
  return prisma.order.findMany({
    where: { userId, status: { notIn: ["PENDING", "FAILED"] } },
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
