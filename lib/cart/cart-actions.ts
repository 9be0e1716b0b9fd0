import "server-only";
import { db } from "@/lib/db/client";
import { ownedBookIds } from "@/lib/orders/ownership";
import { addLine, removeLine } from "./rules";
import { readCartIds, writeCartIds } from "./cart";

export type AddOutcome = "added" | "unknown-book" | "already-owned" | "cart-full";

/** Adds a published book the customer does not already own; a second add keeps one line. */
export async function addBookToCart(bookId: string, userId: string | null): Promise<AddOutcome> {
  const prisma = await db();
  const book = await prisma.product.findFirst({ where: { id: bookId, published: true }, select: { id: true } });
  if (!book) return "unknown-book";
  if (userId && (await ownedBookIds(userId, [bookId])).has(bookId)) return "already-owned";
  try {
    await writeCartIds(addLine(await readCartIds(), bookId));
  } catch {
    return "cart-full";
  }
  return "added";
}

export async function removeBookFromCart(bookId: string): Promise<void> {
  await writeCartIds(removeLine(await readCartIds(), bookId));
}

export async function clearCart(): Promise<void> {
  await writeCartIds([]);
}
