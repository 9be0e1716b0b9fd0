import { describe, expect, it } from "vitest";
import { cachedPagePath } from "./cached-pages";

const ask = (address: string, cookies: string[] = [], method = "GET") => {
  const url = new URL(address, "http://shop.example");
  return cachedPagePath(method, url, cookies);
};

describe("which requests a cached page answers", () => {
  it.each([
    ["/", "/cached/catalog/newest/1"],
    ["/?sort=title", "/cached/catalog/title/1"],
    ["/?page=3", "/cached/catalog/newest/3"],
    ["/?sort=price-high&page=2", "/cached/catalog/price-high/2"],
    // A client navigation's data request is the same page.
    ["/?sort=title&_rsc=1x2y3", "/cached/catalog/title/1"],
    ["/books/field-notes-on-typography", "/cached/books/field-notes-on-typography"],
  ])("%s → %s", (address, cached) => expect(ask(address)).toBe(cached));

  it.each([
    // Each page has one cached address: other spellings are rendered per request, never a second copy.
    "/?page=1",
    "/?sort=newest",
    "/?page=2&sort=title",
    "/?sort=bogus",
    "/?page=0",
    "/?sort=title&utm_source=x",
    // A search shows the query back: never shared.
    "/?q=binding",
    "/?q=",
    // Only slugs a book can have.
    "/books/Field-Notes",
    "/books/a%2Fb",
    "/books/",
    "/books/x/y",
    "/cart",
    "/library",
  ])("%s is rendered per request", (address) => expect(ask(address)).toBeNull());

  it.each([
    ["next-auth.session-token"],
    ["__Secure-next-auth.session-token"],
    ["next-auth.session-token.0"],
    ["__Secure-next-auth.session-token.1"],
    ["bindery_cart"],
  ])("a visitor with the %s cookie gets their own page", (cookie) => {
    expect(ask("/", [cookie])).toBeNull();
    expect(ask("/books/field-notes-on-typography", ["theme", cookie])).toBeNull();
  });

  it("other cookies (next-auth's CSRF token, a callback URL) do not make a page personal", () => {
    expect(ask("/", ["next-auth.csrf-token", "next-auth.callback-url"])).toBe("/cached/catalog/newest/1");
    // Names next-auth never reads are no session either.
    expect(ask("/", ["next-auth.session-token.x", "next-auth.session-tokens"])).toBe("/cached/catalog/newest/1");
  });

  it("only GET and HEAD: a form posted to a book page reaches the page itself", () => {
    expect(ask("/books/field-notes-on-typography", [], "HEAD")).toBe("/cached/books/field-notes-on-typography");
    expect(ask("/books/field-notes-on-typography", [], "POST")).toBeNull();
  });
});
