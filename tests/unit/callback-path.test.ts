import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-path";

const ORIGIN = "https://shop.example";

describe("sign-in callback: only same-origin paths", () => {
  it.each([
    ["/library?x=1", "/library?x=1"],
    ["/books/a-b#files", "/books/a-b#files"],
    ["/admin/orders?status=PAID&page=2", "/admin/orders?status=PAID&page=2"],
    ["library", "/library"],
    ["/a/../library", "/library"],
    [`${ORIGIN}/library`, "/library"],
    ["/books/caf%C3%A9", "/books/caf%C3%A9"],
  ])("keeps %s as %s", (value, path) => {
    expect(safeCallbackPath(value, "/", ORIGIN)).toBe(path);
  });

  it.each([
    "//evil.example/login",
    "///evil.example/login",
    "/\\evil.example",
    "\\\\evil.example",
    "/.//evil.example/login",
    "/././/evil.example",
    "/%2e//evil.example/login",
    "/%2E%2E//evil.example",
    "/..//evil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "/%5Cevil.example",
    "/%5C%5Cevil.example",
    "https://evil.example/",
    "http://shop.example/",
    "https://shop.example.evil.example/",
    "https://user:pass@shop.example/",
    "http://other/",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/\t/evil.example",
    "/\n/evil.example",
    "/%E0%A4%A",
    "",
    "x".repeat(3000),
  ])("refuses %j", (value) => {
    expect(safeCallbackPath(value, "/", ORIGIN)).toBe("/");
  });

  it("falls back to the given path", () => {
    expect(safeCallbackPath("//evil.example", "/library", ORIGIN)).toBe("/library");
    expect(safeCallbackPath(undefined, "/library", ORIGIN)).toBe("/library");
  });
});
