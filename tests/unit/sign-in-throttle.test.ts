import { describe, expect, it } from "vitest";
import { EmailBackoff, SignInThrottle } from "@/lib/auth/sign-in-throttle";

const ADMIN = "admin@example.com";

describe("sign-in throttle", () => {
  it("stops a network after 5 failures for one email, and not the owner on another network", () => {
    const throttle = new SignInThrottle();
    const t = 1_000_000;
    for (let i = 0; i < 5; i++) {
      expect(throttle.retryAfter(ADMIN, "203.0.113.9", t + i)).toBe(0);
      throttle.failed(ADMIN, "203.0.113.9", t + i);
    }
    expect(throttle.retryAfter(ADMIN, "203.0.113.9", t + 10)).toBeGreaterThan(0);
    expect(throttle.retryAfter(ADMIN, "198.51.100.7", t + 10)).toBe(0);
    expect(throttle.retryAfter("someone@example.com", "203.0.113.9", t + 10)).toBe(0);
  });

  it("stops a network that sprays many emails", () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 30; i++) throttle.failed(`user${i}@example.com`, "2001:db8:1:2::/64", 0);
    expect(throttle.retryAfter("new@example.com", "2001:db8:1:2::/64", 1)).toBeGreaterThan(0);
    expect(throttle.retryAfter("new@example.com", "2001:db8:1:3::/64", 1)).toBe(0);
  });

  it("per email, only a few seconds of backoff, however many networks failed", () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 50; i++) throttle.failed(ADMIN, `net-${i}`, 10_000 + i);
    const wait = throttle.retryAfter(ADMIN, "owner-network", 10_050);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(3);
    expect(throttle.retryAfter(ADMIN, "owner-network", 10_050 + 3_000)).toBe(0);
  });

  it("a success clears that network's count for the email", () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 4; i++) throttle.failed(ADMIN, "n", i);
    throttle.succeeded(ADMIN, "n");
    throttle.failed(ADMIN, "n", 10);
    expect(throttle.retryAfter(ADMIN, "n", 11)).toBe(0);
  });

  it("email backoff starts at its threshold and ends with its window", () => {
    const backoff = new EmailBackoff(3, 60_000, 2_000);
    backoff.failed("a", 0);
    backoff.failed("a", 1);
    expect(backoff.retryAfter("a", 2)).toBe(0);
    backoff.failed("a", 2);
    expect(backoff.retryAfter("a", 3)).toBe(2);
    expect(backoff.retryAfter("a", 2_002)).toBe(0);
    expect(backoff.retryAfter("a", 61_000)).toBe(0);
  });
});
