import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StoreDb } from "../helpers/store-db";
import { prepareTestEnvironment, type TestEnvironment } from "../helpers/test-env";

let store: TestEnvironment;
let db: StoreDb;
let tokens: typeof import("@/lib/auth/account-tokens");
let userId: string;

beforeAll(async () => {
  store = prepareTestEnvironment("tokens");
  Object.assign(process.env, store.env);
  tokens = await import("@/lib/auth/account-tokens");
  db = new StoreDb(store.env.DATABASE_URL);
  userId = await db.userId("reader@example.com");
});

afterAll(async () => {
  await db?.close();
  if (store) rmSync(store.dir, { recursive: true, force: true });
});

describe("account tokens", () => {
  it("stores only a hash, and a token works once, for its purpose", async () => {
    const token = await tokens.issueToken(userId, "VERIFY_EMAIL", "reader@example.com");
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await db.prisma.accountToken.findMany({
      where: { userId, purpose: "VERIFY_EMAIL" },
      select: { tokenHash: true },
    });
    expect(stored.map((row) => row.tokenHash)).toEqual([tokens.hashToken(token)]);
    expect(stored[0].tokenHash).not.toContain(token);

    expect(await tokens.consumeToken(token, ["RESET_PASSWORD"])).toBeNull();
    expect(await tokens.consumeToken(token, ["VERIFY_EMAIL"])).toEqual({
      userId,
      email: "reader@example.com",
      purpose: "VERIFY_EMAIL",
    });
    expect(await tokens.consumeToken(token, ["VERIFY_EMAIL"])).toBeNull();
  });

  it("is used by exactly one of many racing requests", async () => {
    const token = await tokens.issueToken(userId, "RESET_PASSWORD", "reader@example.com");
    const results = await Promise.all(Array.from({ length: 8 }, () => tokens.consumeToken(token, ["RESET_PASSWORD"])));
    expect(results.filter((result) => result !== null)).toHaveLength(1);
  });

  it("stops working at its expiry", async () => {
    const issuedAt = new Date(Date.now() - 2 * 3600_000);
    const token = await tokens.issueToken(userId, "RESET_PASSWORD", "reader@example.com", issuedAt);
    expect(await tokens.consumeToken(token, ["RESET_PASSWORD"])).toBeNull();
    const fresh = await tokens.issueToken(userId, "RESET_PASSWORD", "reader@example.com");
    expect(await tokens.consumeToken(fresh, ["RESET_PASSWORD"], new Date(Date.now() + 3600_000 + 1000))).toBeNull();
    expect(await tokens.consumeToken(fresh, ["RESET_PASSWORD"])).not.toBeNull();
  });

  it("a newer link of the same purpose replaces the older one, not those of other purposes", async () => {
    const older = await tokens.issueToken(userId, "RESET_PASSWORD", "reader@example.com");
    const verify = await tokens.issueToken(userId, "VERIFY_EMAIL", "reader@example.com");
    const newer = await tokens.issueToken(userId, "RESET_PASSWORD", "reader@example.com");
    expect(await tokens.consumeToken(older, ["RESET_PASSWORD"])).toBeNull();
    expect(await tokens.consumeToken(newer, ["RESET_PASSWORD"])).not.toBeNull();
    expect(await tokens.consumeToken(verify, ["VERIFY_EMAIL"])).not.toBeNull();
  });

  it.each(["", "short", "x".repeat(43) + "=", "../../etc/passwd"])("refuses a malformed token %j", async (token) => {
    expect(await tokens.consumeToken(token, ["VERIFY_EMAIL", "RESET_PASSWORD", "CHANGE_EMAIL"])).toBeNull();
  });
});
