import { describe, expect, it } from "vitest";
import { languageName, normalizeIsbn } from "./book-details";

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
