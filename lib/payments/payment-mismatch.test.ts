import { describe, expect, it } from "vitest";
import { paymentMismatch } from "./payment-mismatch";

const order = { totalCents: 1900, currency: "usd" };

describe("paymentMismatch", () => {
  it.each([
    ["exact amount and currency", { amount_total: 1900, currency: "usd" }, null],
    ["currency in capitals", { amount_total: 1900, currency: "USD" }, null],
    ["less money", { amount_total: 100, currency: "usd" }, /amount_total 100/],
    ["more money", { amount_total: 1901, currency: "usd" }, /amount_total 1901/],
    ["no amount", { amount_total: null, currency: "usd" }, /amount_total missing/],
    ["another currency", { amount_total: 1900, currency: "jpy" }, /currency jpy/],
    ["no currency", { amount_total: 1900, currency: null }, /currency missing/],
  ] as const)("%s", (_, session, expected) => {
    const result = paymentMismatch(order, session);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toMatch(expected);
  });
});
