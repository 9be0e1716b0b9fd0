import { getCurrentUser } from "@/lib/auth/session";
import { readCartIds } from "@/lib/cart/cart";
import { isSameOrigin } from "@/lib/http/same-origin";
import { startCheckout } from "@/lib/payments/checkout";
import { httpStatusOf } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** What the cart page says for a refusal: 409 the buyer already owns a book, 400 it cannot be bought now. */
const CART_ERROR_CODES: Partial<Record<number, string>> = { 409: "already-owned", 400: "checkout-unavailable" };

/** The cart's Checkout button: 303 to Stripe Checkout. The client sends nothing but its cart cookie. */
export async function POST(request: Request) {
  if (!isSameOrigin(request)) return new Response("Cross-site request refused", { status: 403 });
  const [user, bookIds] = await Promise.all([getCurrentUser(), readCartIds()]);
  try {
    const url = await startCheckout({ bookIds }, user ? { id: user.id, email: user.email } : null);
    return new Response(null, { status: 303, headers: { Location: url } });
  } catch (error) {
    const code = CART_ERROR_CODES[httpStatusOf(error)];
    if (code) return new Response(null, { status: 303, headers: { Location: `/cart?error=${code}` } });
    throw error;
  }
}
