import type { PrismaClient } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import { grantChangeKey, paymentMismatchKey, resendReceiptKey, staffRefundKey } from "@/lib/idempotency/keys";
import { prepareTestEnvironment } from "../helpers/test-env";

// The key table on a real migrated database: who wins a claim, what a failed transaction leaves behind.
let prisma: PrismaClient;
let store: typeof import("@/lib/idempotency/store");
let n = 0;
const fresh = () => `test.key:${process.pid}:${(n += 1)}`;

beforeAll(async () => {
  const env = prepareTestEnvironment("idempotency").env;
  process.env.DATABASE_URL = env.DATABASE_URL;
  process.env.AUTH_SECRET = env.AUTH_SECRET;
  prisma = await (await import("@/lib/db/client")).db();
  store = await import("@/lib/idempotency/store");
});

describe("idempotency keys", () => {
  it("are namespaced per use, and an id cannot forge another request's key", () => {
    expect(resendReceiptKey("ord_1", "req")).toBe("order.resend_receipt:ord_1:req");
    expect(staffRefundKey("ord_1", "re_1")).toBe("order.refund:ord_1:re_1");
    expect(paymentMismatchKey("ord_1")).toBe("order.payment_mismatch:ord_1");
    expect(resendReceiptKey("a:b", "c")).not.toBe(resendReceiptKey("a", "b:c"));
    expect(grantChangeKey("grant.reset_downloads", { orderId: "ord_1" }, "req")).toBe(
      "grant.reset_downloads:ord_1::req",
    );
    expect(grantChangeKey("grant.revoke", { orderId: "ord_1", grantId: "g_1" }, "req")).toBe(
      "grant.revoke:ord_1:g_1:req",
    );
  });

  it("the first claim wins and every later one loses, also when they race", async () => {
    const key = fresh();
    expect(await store.claimOnce(prisma, key, "staff-1")).toBe(true);
    expect(await store.claimOnce(prisma, key, "staff-2")).toBe(false);
    const raced = fresh();
    const wins = await Promise.all([1, 2, 3, 4, 5].map(() => store.claimOnce(prisma, raced, null)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    const row = await prisma.idempotencyKey.findUnique({ where: { key } });
    expect(row).toMatchObject({ ownerId: "staff-1", completedAt: null, result: null });
  });

  it("a lost claim inside a transaction leaves the transaction usable; a rolled-back claim is not kept", async () => {
    const taken = fresh();
    const other = fresh();
    await store.claimOnce(prisma, taken, null);
    const lost = await prisma.$transaction(async (tx) => {
      const won = await store.claimOnce(tx, taken, null);
      await store.claimOnce(tx, other, null);
      return won;
    });
    expect(lost).toBe(false);
    expect(await prisma.idempotencyKey.count({ where: { key: other } })).toBe(1);

    const rolledBack = fresh();
    await expect(
      prisma.$transaction(async (tx) => {
        expect(await store.claimOnce(tx, rolledBack, null)).toBe(true);
        throw new Error("the work failed");
      }),
    ).rejects.toThrow("the work failed");
    expect(await store.claimOnce(prisma, rolledBack, null)).toBe(true);
  });

  it("keeps a completed key's result for repeats", async () => {
    const key = fresh();
    await store.claimOnce(prisma, key, null);
    expect(await store.resultOf(prisma, key)).toBeUndefined();
    await store.completeKey(prisma, key, { mailId: "m_1" });
    expect(await store.resultOf(prisma, key)).toEqual({ mailId: "m_1" });
    expect(await store.resultOf(prisma, fresh())).toBeUndefined();
  });
});
