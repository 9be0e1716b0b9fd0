import { describe, expect, it } from "vitest";
import { MEDIA_CSP, NON_PAGE_CSP, STATIC_SECURITY_HEADERS, pagePolicy } from "@/lib/http/security-headers.mjs";

const directive = (policy: string, name: string) => policy.split("; ").find((part) => part.startsWith(`${name} `));

describe("pagePolicy", () => {
  it("lets scripts run by this request's nonce only, and forbids framing", () => {
    const policy = pagePolicy("abc123==");
    expect(directive(policy, "script-src")).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(directive(policy, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(policy, "object-src")).toBe("object-src 'none'");
    expect(directive(policy, "base-uri")).toBe("base-uri 'self'");
  });

  it("allows eval for React's development build only", () => {
    expect(pagePolicy("n")).not.toContain("unsafe-eval");
    expect(directive(pagePolicy("n", { dev: true }), "script-src")).toContain("'unsafe-eval'");
  });

  it("never allows inline script", () => {
    for (const dev of [false, true])
      expect(directive(pagePolicy("n", { dev }), "script-src")).not.toContain("unsafe-inline");
  });
});

describe("static headers", () => {
  it("set nosniff, a referrer policy, a permissions policy, and no framing for non-pages and media", () => {
    const names = STATIC_SECURITY_HEADERS.map((header) => header.key);
    expect(names).toEqual(expect.arrayContaining(["X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"]));
    for (const policy of [NON_PAGE_CSP, MEDIA_CSP]) {
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain("frame-ancestors 'none'");
    }
  });
});
