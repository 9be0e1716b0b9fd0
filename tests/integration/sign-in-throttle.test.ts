import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmailBackoff, SignInThrottle } from "@/lib/auth/sign-in-throttle";
import type { RateLimitStore } from "@/lib/rate-limit/counter";
import { prismaRateLimitStore } from "@/lib/rate-limit/prisma-store";
import { sqliteStoreDatabase, type StoreDatabase } from "../helpers/download-store-db";

// The throttle's counts live in the RateLimit table: one migrated SQLite file, fresh addresses per case.
let database: StoreDatabase;
let store: RateLimitStore;
let next = 0;
const fresh = (name: string) => `${name}-${next++}@example.com`;

beforeAll(async () => {
  database = await sqliteStoreDatabase();
  store = prismaRateLimitStore(async () => database.prisma);
});
afterAll(async () => {
  await database?.dispose();
});

describe("sign-in throttle", () => {
  it("stops a network after 5 failures for one email, and not the owner on another network", async () => {
    const [admin, throttle, t] = [fresh("admin"), new SignInThrottle(store), Date.now()];
    for (let i = 0; i < 5; i++) {
      expect(await throttle.retryAfter(admin, "203.0.113.9", t + i)).toBe(0);
      await throttle.failed(admin, "203.0.113.9", t + i);
    }
    expect(await throttle.retryAfter(admin, "203.0.113.9", t + 10)).toBeGreaterThan(0);
    expect(await throttle.retryAfter(admin, "198.51.100.7", t + 10)).toBe(0);
    expect(await throttle.retryAfter(fresh("someone"), "203.0.113.9", t + 10)).toBe(0);
  });

  it("stops a network that sprays many emails", async () => {
    const [throttle, t] = [new SignInThrottle(store), Date.now()];
    for (let i = 0; i < 30; i++) await throttle.failed(fresh("user"), "2001:db8:1:2::/64", t);
    expect(await throttle.retryAfter(fresh("new"), "2001:db8:1:2::/64", t + 1)).toBeGreaterThan(0);
    expect(await throttle.retryAfter(fresh("new"), "2001:db8:1:3::/64", t + 1)).toBe(0);
  });

  it("per email, only a few seconds of backoff, however many networks failed", async () => {
    const [admin, throttle, t] = [fresh("admin"), new SignInThrottle(store), Date.now()];
    for (let i = 0; i < 50; i++) await throttle.failed(admin, `net-${i}`, t + i);
    const wait = await throttle.retryAfter(admin, "owner-network", t + 50);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(3);
    expect(await throttle.retryAfter(admin, "owner-network", t + 50 + 3_000)).toBe(0);
  });

  it("a success clears that network's count for the email", async () => {
    const [admin, throttle, t] = [fresh("admin"), new SignInThrottle(store), Date.now()];
    for (let i = 0; i < 4; i++) await throttle.failed(admin, "n", t + i);
    await throttle.succeeded(admin, "n");
    await throttle.failed(admin, "n", t + 10);
    expect(await throttle.retryAfter(admin, "n", t + 11)).toBe(0);
  });

  it("email backoff starts at its threshold, waits from the last failure, and ends with its window", async () => {
    const [email, backoff, t] = [fresh("a"), new EmailBackoff(store, 3, 60_000, 2_000), Date.now()];
    await backoff.failed(email, t);
    await backoff.failed(email, t + 1);
    expect(await backoff.retryAfter(email, t + 2)).toBe(0);
    await backoff.failed(email, t + 2);
    expect(await backoff.retryAfter(email, t + 3)).toBe(2);
    expect(await backoff.retryAfter(email, t + 2_002)).toBe(0);
    await backoff.failed(email, t + 10_000);
    expect(await backoff.retryAfter(email, t + 11_500)).toBe(1);
    expect(await backoff.retryAfter(email, t + 61_000)).toBe(0);
  });
});
