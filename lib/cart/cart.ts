import "server-only";
import { cookies } from "next/headers";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { coverUrl, type BookCard } from "@/lib/catalog/queries";
import { ownedBookIds } from "@/lib/orders/ownership";
import { CART_COOKIE, parseCart, serializeCart } from "./rules";

export async function readCartIds(): Promise<string[]> {
  return parseCart((await cookies()).get(CART_COOKIE)?.value);
}

export async function writeCartIds(ids: readonly string[]): Promise<void> {
  (await cookies()).set(CART_COOKIE, serializeCart(ids), {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: 60 * 60 * 24 * 30,
    secure: getConfig().appUrl.startsWith("https:"),
  });
}

export interface CartLine extends BookCard {
  owned: boolean;
}

export interface CartView {
  lines: CartLine[];
  /** Totals per currency of the lines that would be bought (owned books excluded). */
  totals: { currency: string; cents: number }[];
}

/** The cart as the customer sees it: published books only, prices from the database. */
export async function getCartView(userId: string | null): Promise<CartView> {
  const ids = await readCartIds();
  if (ids.length === 0) return { lines: [], totals: [] };
  const prisma = await db();
  const books = await prisma.product.findMany({ where: { id: { in: ids }, published: true } });
  const owned = userId ? await ownedBookIds(userId, ids) : new Set<string>();
  const byId = new Map(books.map((book) => [book.id, book]));
  const lines: CartLine[] = ids.flatMap((id) => {
    const book = byId.get(id);
    if (!book) return [];
    const { slug, title, author, priceCents, currency, coverWidth, coverHeight } = book;
    const cover = { coverUrl: coverUrl(book.coverPath), coverWidth, coverHeight };
    return [{ id, slug, title, author, priceCents, currency, ...cover, owned: owned.has(id) }];
  });
  const totals = new Map<string, number>();
  for (const line of lines)
    if (!line.owned) totals.set(line.currency, (totals.get(line.currency) ?? 0) + line.priceCents);
  return { lines, totals: [...totals].map(([currency, cents]) => ({ currency, cents })) };
}
