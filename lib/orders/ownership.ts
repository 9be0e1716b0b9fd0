import "server-only";
import { db } from "@/lib/db/client";
import { isOwned, statusesWhere } from "./policy";

/** Ids of the books this user already owns (bought and not refunded). */
export async function ownedBookIds(userId: string, among?: readonly string[]): Promise<Set<string>> {
  const prisma = await db();
  const items = await prisma.orderItem.findMany({
    where: {
      refundedAt: null,
      order: { userId, status: statusesWhere(isOwned) },
      ...(among ? { productId: { in: [...among] } } : {}),
    },
    select: { productId: true },
  });
  return new Set(items.map((item) => item.productId));
}
