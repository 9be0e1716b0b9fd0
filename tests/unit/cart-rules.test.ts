import { describe, expect, it } from "vitest";
import { addLine, MAX_CART_LINES, parseCart, removeLine, serializeCart } from "@/lib/cart/rules";

const book = (n: number) => `cmbook${String(n).padStart(8, "0")}`;

describe("cart rules", () => {
  it("keeps one line when a book is added twice", () => {
    const once = addLine([], book(1));
    expect(addLine(once, book(1))).toEqual([book(1)]);
  });

  it("adds and removes lines in order", () => {
    const cart = addLine(addLine([], book(1)), book(2));
    expect(cart).toEqual([book(1), book(2)]);
    expect(removeLine(cart, book(1))).toEqual([book(2)]);
    expect(removeLine(cart, book(9))).toEqual(cart);
  });

  it("round-trips through the cookie value", () => {
    const cart = [book(1), book(2)];
    expect(parseCart(serializeCart(cart))).toEqual(cart);
  });

  it("drops malformed or duplicated ids from a tampered cookie", () => {
    expect(parseCart(`${book(1)}.${book(1)}.'; DROP TABLE.../etc/passwd.${book(2)}`)).toEqual([book(1), book(2)]);
    expect(parseCart(undefined)).toEqual([]);
  });

  it("refuses a non-id and caps the number of lines", () => {
    expect(() => addLine([], "../../x")).toThrow();
    const full = Array.from({ length: MAX_CART_LINES }, (_, i) => book(i));
    expect(() => addLine(full, book(999))).toThrow(/at most/);
    expect(parseCart(serializeCart([...full, book(999)]))).toHaveLength(MAX_CART_LINES);
  });
});
