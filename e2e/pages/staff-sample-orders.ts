import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";

/**
 * A month of paid orders written straight into the e2e store, so the dashboard screenshot shows a
 * chart rather than one bar. Deterministic; guest orders without grants, invisible to other specs.
 */
export function addSampleSales(databaseUrl: string, now = new Date()): void {
  const sql = new Database(databaseUrl.replace(/^file:/, ""));
  try {
    const books = sql.prepare(`SELECT id, title, priceCents FROM Product WHERE published = 1 ORDER BY title`).all() as {
      id: string;
      title: string;
      priceCents: number;
    }[];
    const time = (date: Date) => date.toISOString().replace("Z", "+00:00");
    const insertOrder = sql.prepare(
      `INSERT INTO "Order" (id, email, status, currency, subtotalCents, totalCents, refundedCents, paidAt, createdAt, updatedAt) VALUES (?, ?, ?, 'usd', ?, ?, ?, ?, ?, ?)`,
    );
    const insertItem = sql.prepare(
      `INSERT INTO OrderItem (id, orderId, productId, title, unitPriceCents, refundedAt) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    sql.transaction(() => {
      for (let day = 29; day >= 1; day--) {
        const orders = (day * 7) % 4;
        for (let n = 0; n < orders; n++) {
          const at = new Date(now.getTime() - day * 86_400_000 + n * 3_600_000);
          const picked = [
            books[(day + n) % books.length],
            ...(n % 2 === 0 ? [books[(day * 3 + n) % books.length]] : []),
          ].filter((b, i, all) => all.indexOf(b) === i);
          const total = picked.reduce((sum, book) => sum + book.priceCents, 0);
          const refunded = day % 9 === 0 && n === 0 ? picked[0].priceCents : 0;
          const id = `sample_${randomUUID().replaceAll("-", "")}`;
          insertOrder.run(
            id,
            `reader${day}${n}@example.org`,
            refunded ? "PARTIALLY_REFUNDED" : "PAID",
            total,
            total,
            refunded,
            time(at),
            time(at),
            time(at),
          );
          picked.forEach((book, i) =>
            insertItem.run(
              `${id}_${i}`,
              id,
              book.id,
              book.title,
              book.priceCents,
              refunded && i === 0 ? time(at) : null,
            ),
          );
        }
      }
    })();
  } finally {
    sql.close();
  }
}
