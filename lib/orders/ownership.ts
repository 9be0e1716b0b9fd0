import "server-only";
import { db } from "@/lib/db/client";
import type { OrderStatus } from "@prisma/client";

/** Orders whose items the buyer keeps: paid, partly refunded (unrefunded items), or under dispute. */
export const OWNING_STATUSES: OrderStatus[] = ["PAID", "PARTIALLY_REFUNDED", "DISPUTED"];

/** Ids of the books this user already owns (bought and not refunded). */
export async function ownedBookIds(userId: string, among?: readonly string[]): Promise<Set<string>> {
  const prisma = await db();
  const items = await prisma.orderItem.findMany({
    where: {
      refundedAt: null,
      order: { userId, status: { in: OWNING_STATUSES } },
      ...(among ? { productId: { in: [...among] } } : {}),
    },
    select: { productId: true },
  });
  return new Set(items.map((item) => item.productId));
}
