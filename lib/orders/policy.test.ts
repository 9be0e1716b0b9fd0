import { $Enums, type OrderStatus as PrismaOrderStatus } from "@prisma/client";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  accessSuspended,
  countsAsRevenue,
  fullyRefunded,
  isOwned,
  isRefundable,
  mayBecomePaid,
  mayDownload,
  ORDER_STATUSES,
  parseOrderStatus,
  receivesNewVersions,
  statusesWhere,
  underDispute,
  wasPaid,
  type OrderStatus,
  type StatusRule,
} from "./policy";

// A paid order with money left to refund: the refund column then shows what the status alone decides.
const refundable = (status: OrderStatus) =>
  isRefundable({ status, stripePaymentIntentId: "pi_1", totalCents: 1000, refundedCents: 100 });

const RULES: Record<string, StatusRule> = {
  mayDownload,
  accessSuspended,
  underDispute,
  isOwned,
  receivesNewVersions,
  wasPaid,
  countsAsRevenue,
  isRefundable: refundable,
  fullyRefunded,
  mayBecomePaid,
};

// One row per status, one column per rule (in the order of RULES): changing a rule changes cells here.
const Y = true;
const n = false;
// prettier-ignore
const EXPECTED: Record<OrderStatus, boolean[]> = {
  //                  download  suspended  dispute  owned  newVersions  wasPaid  revenue  refundable  refunded  toPaid
  PENDING:            [n,       n,         n,       n,     n,           n,       n,       n,          n,        Y],
  PAID:               [Y,       n,         n,       Y,     Y,           Y,       Y,       Y,          n,        n],
  PARTIALLY_REFUNDED: [Y,       n,         n,       Y,     Y,           Y,       Y,       Y,          n,        n],
  REFUNDED:           [n,       n,         n,       n,     n,           Y,       Y,       n,          Y,        n],
  DISPUTED:           [n,       Y,         Y,       Y,     n,           Y,       Y,       n,          n,        n],
  CANCELED:           [n,       n,         n,       n,     n,           n,       n,       n,          n,        n],
  FAILED:             [n,       n,         n,       n,     n,           n,       n,       n,          n,        Y],
};

describe("order policy", () => {
  it("knows exactly the statuses of the database enum", () => {
    expectTypeOf<OrderStatus>().toEqualTypeOf<PrismaOrderStatus>();
    expect([...ORDER_STATUSES].sort()).toEqual(Object.values($Enums.OrderStatus).sort());
    expect(Object.keys(EXPECTED).sort()).toEqual([...ORDER_STATUSES].sort());
  });

  it("decides every status × rule as the matrix says", () => {
    const names = Object.keys(RULES);
    expect(names).toEqual([
      "mayDownload",
      "accessSuspended",
      "underDispute",
      "isOwned",
      "receivesNewVersions",
      "wasPaid",
      "countsAsRevenue",
      "isRefundable",
      "fullyRefunded",
      "mayBecomePaid",
    ]);
    const actual = Object.fromEntries(
      ORDER_STATUSES.map((status) => [status, names.map((name) => RULES[name](status))]),
    );
    expect(actual).toEqual(EXPECTED);
  });

  it("gives Prisma the same statuses the predicate accepts", () => {
    for (const rule of Object.values(RULES)) {
      const listed = statusesWhere(rule).in;
      expect(listed).toEqual(ORDER_STATUSES.filter((status) => rule(status)));
    }
    expect(statusesWhere(mayDownload)).toEqual({ in: ["PAID", "PARTIALLY_REFUNDED"] });
    expect(statusesWhere(mayBecomePaid)).toEqual({ in: ["PENDING", "FAILED"] });
  });

  it("refuses a refund without a PaymentIntent or with nothing left", () => {
    const order = { status: "PAID" as const, stripePaymentIntentId: "pi_1", totalCents: 1000, refundedCents: 0 };
    expect(isRefundable(order)).toBe(true);
    expect(isRefundable({ ...order, stripePaymentIntentId: null })).toBe(false);
    expect(isRefundable({ ...order, status: "PARTIALLY_REFUNDED", refundedCents: 1000 })).toBe(false);
    expect(isRefundable({ ...order, status: "PARTIALLY_REFUNDED", refundedCents: 999 })).toBe(true);
  });

  it("parses known statuses and throws on anything else", () => {
    for (const status of ORDER_STATUSES) expect(parseOrderStatus(status)).toBe(status);
    for (const bad of ["", "paid", "Paid", "REFUND", " PAID", "PAID ", "__proto__", "toString"])
      expect(() => parseOrderStatus(bad)).toThrow(/Unknown order status/);
  });
});
