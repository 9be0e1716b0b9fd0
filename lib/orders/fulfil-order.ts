import "server-only";
import { db } from "@/lib/db/client";
import { getConfig } from "@/lib/config";
import { Prisma } from "@prisma/client";
import { OWNING_STATUSES } from "./ownership";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Creates the download grants of a paid order: one per (order item × active file of its book), with the
 * book's limit and access days (or the store defaults). Safe to call any number of times, concurrently:
 * the unique (orderItemId, productFileId) pair decides, not a prior read. Returns the grants created now.
 */
export async function fulfilOrder(orderId: string): Promise<number> {
  const prisma = await db();
  const { defaultLimit, defaultAccessDays } = getConfig().downloads;
  const order = await prisma.order.findUnique({
    where: { id: orderId },
    include: { items: { where: { refundedAt: null }, include: { product: { include: { files: { where: { active: true } } } } } } },
  });
  if (!order || !OWNING_STATUSES.includes(order.status)) return 0;
  const start = order.paidAt ?? order.createdAt;

  let created = 0;
  for (const item of order.items) {
    const { product } = item;
    const accessDays = product.accessDays ?? defaultAccessDays;
    for (const file of product.files) {
      try {
        await prisma.downloadGrant.create({
          data: {
            orderItemId: item.id,
            productFileId: file.id,
            downloadLimit: product.downloadLimit ?? defaultLimit,
            expiresAt: accessDays ? new Date(start.getTime() + accessDays * DAY_MS) : null,
          },
        });
        created += 1;
      } catch (error) {
        if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
      }
    }
  }
  return created;
}
