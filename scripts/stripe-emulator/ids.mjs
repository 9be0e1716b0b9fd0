import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function randomText(length) {
  // 248 = 4 * 62: rejecting bytes above it keeps every character equally likely.
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

/** A Stripe-looking id: `cs_test_…` for Checkout Sessions (Stripe's are long), short for the rest. */
export function newId(prefix) {
  return prefix + randomText(prefix.startsWith("cs_") ? 58 : 24);
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
