"use server";

import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { addBookToCart, clearCart, removeBookFromCart } from "@/lib/cart/cart-actions";
import { isBookId } from "@/lib/cart/rules";

const bookIdSchema = z.object({ bookId: z.string().refine(isBookId, "Unknown book") });

export async function addToCartAction(formData: FormData) {
  const parsed = bookIdSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) redirect("/cart?error=unknown-book");
  const user = await getCurrentUser();
  const outcome = await addBookToCart(parsed.data.bookId, user?.id ?? null);
  // The header's count on pages the browser already holds; never the shared cached pages.
  refresh();
  redirect(outcome === "added" ? "/cart?added=1" : `/cart?error=${outcome}`);
}

export async function removeFromCartAction(formData: FormData) {
  const parsed = bookIdSchema.safeParse(Object.fromEntries(formData));
  if (parsed.success) await removeBookFromCart(parsed.data.bookId);
  refresh();
  redirect("/cart");
}

export async function clearCartAction() {
  await clearCart();
  refresh();
}
