import { describe, expect, it } from "vitest";
import { bookFormSchema, bookUpdateSchema, slugify } from "./admin-book-form";

const valid = {
  title: "The Quiet Art",
  author: "Mara Ellison",
  description: "A year at the bench.",
  price: "12.50",
  currency: "usd",
};

const fieldErrors = (input: Record<string, string>) => {
  const result = bookFormSchema.safeParse(input);
  return result.success
    ? {}
    : Object.fromEntries(result.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
};

describe("the book form", () => {
  it("turns the submitted strings into a book: cents, nulls for store defaults, a slug from the title", () => {
    expect(bookFormSchema.parse(valid)).toEqual({
      title: "The Quiet Art",
      author: "Mara Ellison",
      description: "A year at the bench.",
      slug: "the-quiet-art",
      priceCents: 1250,
      currency: "usd",
      language: null,
      isbn: null,
      series: null,
      seriesNumber: null,
      downloadLimit: null,
      accessDays: null,
      grantNewVersions: false,
      stampCopies: false,
      stampNoticePage: false,
    });
  });

  it("keeps a language tag and an ISBN as digits; refuses a wrong check digit or a sentence", () => {
    expect(bookFormSchema.parse({ ...valid, language: " pt-BR ", isbn: "978-0-306-40615-7" })).toMatchObject({
      language: "pt-BR",
      isbn: "9780306406157",
    });
    const refused = bookFormSchema.safeParse({ ...valid, language: "Portuguese", isbn: "978-0-306-40615-8" });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => issue.path[0]).sort()).toEqual(["isbn", "language"]);
  });

  it("keeps limits, access days, the checkbox and a chosen slug", () => {
    const book = bookFormSchema.parse({
      ...valid,
      slug: " My-Book-2 ",
      downloadLimit: "3",
      accessDays: "30",
      grantNewVersions: "on",
      stampCopies: "on",
    });
    expect(book).toMatchObject({ slug: "my-book-2", downloadLimit: 3, accessDays: 30, grantNewVersions: true });
    expect(book).toMatchObject({ stampCopies: true, stampNoticePage: false });
  });

  it.each([
    ["12", 1200],
    ["12.5", 1250],
    ["0.50", 50],
    ["999999.99", 99999999],
  ])("reads the price %s as %i cents", (price, cents) => {
    expect(bookFormSchema.parse({ ...valid, price }).priceCents).toBe(cents);
  });

  it.each([
    [{ price: "12,50" }, "price"],
    [{ price: "0.49" }, "price"],
    [{ price: "-3" }, "price"],
    [{ price: "1.234" }, "price"],
    [{ currency: "jpy" }, "currency"],
    [{ title: "   " }, "title"],
    [{ slug: "Not A Slug!" }, "slug"],
    [{ slug: "double--dash" }, "slug"],
    [{ title: "日本語", slug: "" }, "slug"],
    [{ downloadLimit: "0" }, "downloadLimit"],
    [{ downloadLimit: "2.5" }, "downloadLimit"],
    [{ accessDays: "99999" }, "accessDays"],
    [{ grantNewVersions: "yes" }, "grantNewVersions"],
  ])("refuses %o on the field %s", (change, field) => {
    expect(Object.keys(fieldErrors({ ...valid, ...change }))).toEqual([field]);
  });

  it("needs the book's id to edit it", () => {
    expect(bookUpdateSchema.safeParse(valid).success).toBe(false);
    expect(bookUpdateSchema.parse({ ...valid, bookId: "abc123" })).toMatchObject({
      bookId: "abc123",
      priceCents: 1250,
    });
  });
});

describe("slugify", () => {
  it("makes ASCII, lowercase, dashed slugs", () => {
    expect(slugify("Les Misérables — Tome 1")).toBe("les-miserables-tome-1");
    expect(slugify("  ¿Qué?  ")).toBe("que");
    expect(slugify("日本語")).toBe("");
  });
});
