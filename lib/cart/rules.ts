/** The cart is a list of book ids in a cookie: no account needed, nothing to store server-side. */
export const CART_COOKIE = "bindery_cart";
export const MAX_CART_LINES = 50;

const ID_PATTERN = /^[a-z0-9]{10,40}$/;

export function isBookId(value: unknown): value is string {
  return typeof value === "string" && ID_PATTERN.test(value);
}

/** Reads the cookie value; anything malformed is dropped rather than trusted. */
export function parseCart(cookieValue: string | undefined): string[] {
  if (!cookieValue) return [];
  return dedupe(cookieValue.split(".").filter(isBookId)).slice(0, MAX_CART_LINES);
}

export function serializeCart(ids: readonly string[]): string {
  return ids.join(".");
}

/** An e-book is bought once: adding it again keeps a single line. */
export function addLine(ids: readonly string[], id: string): string[] {
  if (!isBookId(id)) throw new Error("Not a book id");
  if (ids.includes(id)) return [...ids];
  if (ids.length >= MAX_CART_LINES) throw new Error(`A cart holds at most ${MAX_CART_LINES} books`);
  return [...ids, id];
}

export function removeLine(ids: readonly string[], id: string): string[] {
  return ids.filter((existing) => existing !== id);
}

function dedupe(ids: string[]): string[] {
  return [...new Set(ids)];
}
