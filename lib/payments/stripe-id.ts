/** Stripe fields such as `payment_intent` or `charge` hold an id, or the object when expanded. */
export function stripeId(value: string | { id: string } | null | undefined): string | null {
  return typeof value === "string" ? value : (value?.id ?? null);
}
