import { randomUUID } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { StoreDb } from "../../tests/helpers/store-db";

interface Book {
  id: string;
  title: string;
  priceCents: number;
}

/** A deterministic month of paid orders: a few a day, some of two books, now and then one item refunded. */
function sampleSales(books: Book[], now: Date) {
  const orders: Prisma.OrderCreateManyInput[] = [];
  const items: Prisma.OrderItemCreateManyInput[] = [];
  for (let day = 29; day >= 1; day--) {
    const perDay = (day * 7) % 4;
    for (let n = 0; n < perDay; n++) {
      const at = new Date(now.getTime() - day * 86_400_000 + n * 3_600_000);
      const picked = [
        books[(day + n) % books.length],
        ...(n % 2 === 0 ? [books[(day * 3 + n) % books.length]] : []),
      ].filter((b, i, all) => all.indexOf(b) === i);
      const total = picked.reduce((sum, book) => sum + book.priceCents, 0);
      const refunded = day % 9 === 0 && n === 0 ? picked[0].priceCents : 0;
      const id = `sample_${randomUUID().replaceAll("-", "")}`;
      orders.push({
        id,
        email: `reader${day}${n}@example.org`,
        status: refunded ? "PARTIALLY_REFUNDED" : "PAID",
        currency: "usd",
        subtotalCents: total,
        totalCents: total,
        refundedCents: refunded,
        paidAt: at,
        createdAt: at,
        updatedAt: at,
      });
      picked.forEach((book, i) =>
        items.push({
          id: `${id}_${i}`,
          orderId: id,
          productId: book.id,
          title: book.title,
          unitPriceCents: book.priceCents,
          refundedAt: refunded && i === 0 ? at : null,
        }),
      );
    }
  }
  return { orders, items };
}

/**
 * A month of paid orders written straight into the e2e store (SQLite or PostgreSQL), so the dashboard
 * screenshot shows a chart rather than one bar. Guest orders without grants, invisible to other specs.
 */
export async function addSampleSales(databaseUrl: string, now = new Date()): Promise<void> {
  const db = new StoreDb(databaseUrl);
  try {
    const books = await db.prisma.product.findMany({
      where: { published: true },
      orderBy: [{ title: "asc" }, { id: "asc" }],
      select: { id: true, title: true, priceCents: true },
    });
    const { orders, items } = sampleSales(books, now);
    await db.prisma.$transaction([
      db.prisma.order.createMany({ data: orders }),
      db.prisma.orderItem.createMany({ data: items }),
    ]);
  } finally {
    await db.close();
  }
}
