import "server-only";
import { db } from "@/lib/db/client";
import { OWNING_STATUSES } from "@/lib/orders/ownership";

export async function storeCounts() {
  const prisma = await db();
  const [books, paidOrders, downloads, customers] = await Promise.all([
    prisma.product.count(),
    prisma.order.count({ where: { status: { in: OWNING_STATUSES } } }),
    prisma.downloadEvent.count({ where: { outcome: "ALLOWED" } }),
    prisma.user.count({ where: { role: "CUSTOMER" } }),
  ]);
  return { books, paidOrders, downloads, customers };
}

export async function recentOrders(take = 50) {
  const prisma = await db();
  return prisma.order.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, email: true, status: true, totalCents: true, currency: true, createdAt: true, _count: { select: { items: true } } },
  });
}

export async function listBooksForAdmin() {
  const prisma = await db();
  return prisma.product.findMany({
    orderBy: { title: "asc" },
    select: { id: true, slug: true, title: true, author: true, priceCents: true, currency: true, published: true, _count: { select: { files: true } } },
  });
}

export async function listUsersForAdmin() {
  const prisma = await db();
  return prisma.user.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, email: true, name: true, role: true, createdAt: true } });
}
