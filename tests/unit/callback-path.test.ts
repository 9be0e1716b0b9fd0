import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-path";

describe("sign-in callback", () => {
  it("keeps same-site paths", () => {
    expect(safeCallbackPath("/library?x=1")).toBe("/library?x=1");
  });
  it.each(["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"])("refuses %s", (value) => {
    expect(safeCallbackPath(value)).toBe("/");
  });
});
