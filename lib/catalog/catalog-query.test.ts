import { describe, expect, it } from "vitest";
import { authorHref, catalogHref, catalogQuerySchema, pageWindow } from "./catalog-query";

describe("the catalog's query string", () => {
  it.each([
    [{}, { q: "", sort: "newest", page: 1 }],
    [
      { q: "  lighthouse ", sort: "title", page: "3" },
      { q: "lighthouse", sort: "title", page: 3 },
    ],
    [
      { sort: "cheapest", page: "0" },
      { q: "", sort: "newest", page: 1 },
    ],
    [{ page: "-2" }, { q: "", sort: "newest", page: 1 }],
    [{ page: "2.5" }, { q: "", sort: "newest", page: 1 }],
    [{ page: "99999999" }, { q: "", sort: "newest", page: 1 }],
    [
      { q: ["a", "b"], sort: ["price-high", "title"] },
      { q: "a", sort: "price-high", page: 1 },
    ],
    [{ q: "x".repeat(101) }, { q: "", sort: "newest", page: 1 }],
  ])("%j reads as %j", (input, expected) => {
    expect(catalogQuerySchema.parse(input)).toEqual(expected);
  });

  it("links leave defaults out, so each page has one URL", () => {
    const base = { q: "", sort: "newest", page: 1 } as const;
    expect(catalogHref("/", base)).toBe("/");
    expect(catalogHref("/", base, { page: 2 })).toBe("/?page=2");
    expect(catalogHref("/", { q: "sea & sky", sort: "title", page: 4 }, { page: 1 })).toBe(
      "/?q=sea+%26+sky&sort=title",
    );
  });

  it("an author's page is the name, percent-encoded", () => {
    expect(authorHref("Mara Quill")).toBe("/authors/Mara%20Quill");
    expect(authorHref("Ana / Bo?")).toBe("/authors/Ana%20%2F%20Bo%3F");
  });
});

describe("the page numbers shown", () => {
  it.each([
    [1, 1, [1]],
    [1, 3, [1, 2, 3]],
    [6, 20, [1, "gap", 4, 5, 6, 7, 8, "gap", 20]],
    [1, 20, [1, 2, 3, "gap", 20]],
    [20, 20, [1, "gap", 18, 19, 20]],
    [4, 7, [1, 2, 3, 4, 5, 6, 7]],
  ])("page %i of %i: %j", (page, count, expected) => {
    expect(pageWindow(page, count)).toEqual(expected);
  });
});
