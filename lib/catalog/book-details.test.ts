import { describe, expect, it } from "vitest";
import { fileExtent, languageName, normalizeIsbn } from "./book-details";

describe("ISBNs", () => {
  it.each([
    ["978-0-306-40615-7", "9780306406157"],
    ["978 0 306 40615 7", "9780306406157"],
    ["0-306-40615-2", "0306406152"],
    ["0-8044-2957-x", "080442957X"],
  ])("%s is valid, kept as %s", (input, expected) => {
    expect(normalizeIsbn(input)).toBe(expected);
  });

  it.each(["978-0-306-40615-8", "0-306-40615-3", "977-0-306-40615-7", "12345", "978030640615X", "ISBN 9780306406157"])(
    "%s is refused",
    (input) => {
      expect(normalizeIsbn(input)).toBeNull();
    },
  );
});

describe("language names", () => {
  it("names a tag in English, and falls back to the tag", () => {
    expect(languageName("en")).toBe("English");
    expect(languageName("fr")).toBe("French");
    expect(languageName("qqq")).toBe("qqq");
  });
});

describe("a format's extent on the book page", () => {
  it("gives the pages and the size when the pages were counted", () => {
    expect(fileExtent({ pageCount: 312, size: 4.2 * 1024 * 1024 })).toBe("312 pages · 4.2 MB");
    expect(fileExtent({ pageCount: 1, size: 2048 })).toBe("1 page · 2.0 KB");
    expect(fileExtent({ pageCount: 1200, size: 2048 })).toBe("1,200 pages · 2.0 KB");
  });

  it("gives the size alone otherwise", () => {
    expect(fileExtent({ pageCount: null, size: 4.2 * 1024 * 1024 })).toBe("4.2 MB");
  });
});
