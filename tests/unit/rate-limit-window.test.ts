import { describe, expect, it } from "vitest";
import { RATE_LIMIT_HIT_SQL, rateLimitHitParams, toPostgres } from "@/lib/rate-limit/sql";
import { waitAfterHit, waitBeforeTry, windowFromRow } from "@/lib/rate-limit/window";

describe("rate-limit windows", () => {
  it("asks to wait only past the limit, rounding the rest of the window up to whole seconds", () => {
    expect(waitAfterHit({ hits: 3, windowEndsAt: 60_000 }, 3, 0)).toBe(0);
    expect(waitAfterHit({ hits: 4, windowEndsAt: 60_000 }, 3, 1)).toBe(60);
    expect(waitAfterHit({ hits: 4, windowEndsAt: 60_000 }, 3, 59_999)).toBe(1);
  });

  it("before a try, waits once the limit is used up, and never after the window ended", () => {
    expect(waitBeforeTry(null, 3, 0)).toBe(0);
    expect(waitBeforeTry({ hits: 2, windowEndsAt: 60_000 }, 3, 0)).toBe(0);
    expect(waitBeforeTry({ hits: 3, windowEndsAt: 60_000 }, 3, 30_000)).toBe(30);
    expect(waitBeforeTry({ hits: 9, windowEndsAt: 60_000 }, 3, 60_000)).toBe(0);
  });

  it("reads BIGINT as each driver hands it back", () => {
    expect(windowFromRow({ hits: 2, windowEndsAt: 1_733_000_000_000n })).toEqual({ hits: 2, windowEndsAt: 1.733e12 });
    expect(windowFromRow({ hits: 2, windowEndsAt: "1733000000000" })).toEqual({ hits: 2, windowEndsAt: 1.733e12 });
    expect(() => windowFromRow({ hits: 2, windowEndsAt: "soon" })).toThrow();
  });

  it("numbers the placeholders for PostgreSQL, one per parameter", () => {
    const sql = toPostgres(RATE_LIMIT_HIT_SQL);
    expect(sql.match(/\$\d+/g)).toEqual(["$1", "$2", "$3", "$4"]);
    expect(sql).not.toContain("?");
    expect(rateLimitHitParams("k", 60_000, 1_000)).toEqual(["k", 61_000, 1_000, 1_000]);
  });
});
