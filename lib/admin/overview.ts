import "server-only";
import { db } from "@/lib/db/client";

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
