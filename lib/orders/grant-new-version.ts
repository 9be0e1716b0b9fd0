import "server-only";
import { db } from "@/lib/db/client";
import { createGrantOnce } from "./fulfil-order";
import { lineageRoot, revokedLineages } from "./lineage";
import { receivesNewVersions, statusesWhere } from "./policy";

/**
 * Gives a file just added to a book (a new version, or a new format) to everyone who already bought the
 * book, when the book's "give new versions to past buyers" switch is on. Refunded items, refunded or
 * disputed orders, and buyers whose access to an earlier version was revoked (lineage.ts) get nothing.
 * Idempotent. Returns the grants created.
 */
export async function grantFileToPastBuyers(fileId: string): Promise<number> {
  const prisma = await db();
  const file = await prisma.productFile.findUnique({ where: { id: fileId }, include: { product: true } });
  if (!file || !file.active || !file.product.grantNewVersions) return 0;
  const lineage = lineageRoot(file);

  const items = await prisma.orderItem.findMany({
    where: { productId: file.productId, refundedAt: null, order: { status: statusesWhere(receivesNewVersions) } },
    select: {
      id: true,
      order: { select: { paidAt: true, createdAt: true } },
      grants: {
        where: { revokedAt: { not: null } },
        select: { revokedAt: true, productFile: { select: { id: true, lineageId: true } } },
      },
    },
  });

  let created = 0;
  for (const item of items) {
    if (revokedLineages(item.grants).has(lineage)) continue;
    const paidAt = item.order.paidAt ?? item.order.createdAt;
    if (await createGrantOnce(prisma, { orderItemId: item.id, productFileId: file.id, paidAt, book: file.product }))
      created += 1;
  }
  return created;
}
