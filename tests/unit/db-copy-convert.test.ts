import { describe, expect, it } from "vitest";
import { converterFor, toTimestamp } from "../../scripts/lib/db-copy/convert.mjs";
import { tablesInForeignKeyOrder } from "../../scripts/lib/db-copy/table-order.mjs";

describe("toTimestamp: every way a SQLite DateTime column holds a time, as PostgreSQL's UTC wall clock", () => {
  it.each([
    ["Prisma's ISO text with an offset", "2026-11-30T08:15:00.123+00:00", "2026-11-30 08:15:00.123"],
    ["toISOString()", "2026-11-30T08:15:00.123Z", "2026-11-30 08:15:00.123"],
    ["another offset", "2026-11-30T10:15:00.5+02:00", "2026-11-30 08:15:00.500"],
    ["a compact offset", "2026-11-30T03:15:00-0500", "2026-11-30 08:15:00.000"],
    ["SQLite's CURRENT_TIMESTAMP (UTC, unmarked)", "2026-11-30 08:15:00", "2026-11-30 08:15:00.000"],
    ["minutes only", "2026-11-30T08:15", "2026-11-30 08:15:00.000"],
    ["a bare day", "2026-11-30", "2026-11-30 00:00:00.000"],
    ["microseconds, cut to Prisma's milliseconds", "2026-11-30T08:15:00.123987+00:00", "2026-11-30 08:15:00.123"],
    ["epoch milliseconds (the adapter's unixepoch-ms)", 1796026500123n, "2026-11-30 08:15:00.123"],
  ])("%s", (_name, stored, expected) => {
    expect(toTimestamp(stored)).toBe(expected);
  });

  it.each(["yesterday", "2026-13-45T99:00:00Z", "2026-02-30T00:00:00Z", "", "30/11/2026"])(
    "refuses %j rather than guess",
    (stored) => {
      expect(() => toTimestamp(stored)).toThrow(/not a date/);
    },
  );
});

describe("converterFor", () => {
  it("turns 0/1 into booleans and refuses anything else", () => {
    const convert = converterFor("boolean");
    expect([convert?.(0n), convert?.(1n), convert?.(null)]).toEqual([false, true, null]);
    expect(() => convert?.(2n)).toThrow(/not a boolean/);
  });

  it("keeps a BigInt beyond 2^53 exact, and refuses a 32-bit column overflow", () => {
    expect(converterFor("bigint")?.(2n ** 62n + 1n)).toBe("4611686018427387905");
    expect(converterFor("integer")?.(42n)).toBe(42);
    expect(() => converterFor("integer")?.(2n ** 31n)).toThrow(/out of range/);
  });

  it("passes enum labels and text through, and has no conversion for a type it does not know", () => {
    expect(converterFor("USER-DEFINED")?.("PAID")).toBe("PAID");
    expect(converterFor("text")?.("Ωmega — 日本語")).toBe("Ωmega — 日本語");
    expect(converterFor("tsvector")).toBeNull();
  });
});

describe("tablesInForeignKeyOrder", () => {
  it("puts every table after the tables it points to, whatever order they come in", () => {
    const references = new Map([
      ["DownloadEvent", new Set(["DownloadGrant", "User"])],
      ["DownloadGrant", new Set(["OrderItem"])],
      ["OrderItem", new Set(["Order"])],
      ["Order", new Set(["User"])],
      ["Tree", new Set(["Tree"])],
    ]);
    const order = tablesInForeignKeyOrder(
      ["DownloadEvent", "Tree", "OrderItem", "DownloadGrant", "User", "Order"],
      references,
    );
    expect(order).toHaveLength(6);
    for (const [child, parents] of references) {
      for (const parent of parents) {
        if (parent !== child) expect(order.indexOf(parent)).toBeLessThan(order.indexOf(child));
      }
    }
  });

  it("refuses a cycle between tables", () => {
    const references = new Map([
      ["A", new Set(["B"])],
      ["B", new Set(["A"])],
    ]);
    expect(() => tablesInForeignKeyOrder(["A", "B"], references)).toThrow(/cycle/);
  });
});
