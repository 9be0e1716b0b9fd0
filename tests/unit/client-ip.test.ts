import { describe, expect, it } from "vitest";
import { clientIp } from "@/lib/http/client-ip";

const headers = (entries: Record<string, string>) => new Headers(entries);

describe("client IP", () => {
  it("uses the TCP peer and ignores a forged X-Forwarded-For from an untrusted client", () => {
    expect(clientIp(headers({ "x-bindery-peer": "203.0.113.9", "x-forwarded-for": "1.2.3.4" }), ["127.0.0.1"])).toBe(
      "203.0.113.9",
    );
  });

  it("honours X-Forwarded-For from a trusted proxy, skipping trusted hops", () => {
    const h = headers({ "x-bindery-peer": "::ffff:127.0.0.1", "x-forwarded-for": "1.2.3.4, 198.51.100.7, 127.0.0.1" });
    expect(clientIp(h, ["127.0.0.1"])).toBe("198.51.100.7");
  });

  it("falls back to the peer when a trusted proxy sends no header", () => {
    expect(clientIp(headers({ "x-bindery-peer": "127.0.0.1" }), ["127.0.0.1"])).toBe("127.0.0.1");
  });

  it("is unknown without a peer, whatever X-Forwarded-For claims", () => {
    expect(clientIp(headers({ "x-forwarded-for": "6.6.6.6" }), ["127.0.0.1"])).toBeNull();
    expect(clientIp(headers({ "x-forwarded-for": "6.6.6.6, 127.0.0.1" }), [])).toBeNull();
    expect(clientIp(headers({ "x-bindery-peer": "  ", "x-forwarded-for": "6.6.6.6" }), ["127.0.0.1"])).toBeNull();
    expect(clientIp(headers({}), [])).toBeNull();
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy, even with no trusted proxy configured", () => {
    expect(clientIp(headers({ "x-bindery-peer": "127.0.0.1", "x-forwarded-for": "6.6.6.6" }), [])).toBe("127.0.0.1");
    expect(
      clientIp(headers({ "x-bindery-peer": "::ffff:198.51.100.2", "x-forwarded-for": "6.6.6.6" }), ["127.0.0.1"]),
    ).toBe("198.51.100.2");
  });
});
