import { describe, expect, it } from "vitest";
import { denialFor, resumeIsFree, type GrantState } from "./decide";

const NOW = new Date("2026-12-02T12:00:00Z");
const HOUR = 3_600_000;
const usable: GrantState = {
  revokedAt: null,
  orderStatus: "PAID",
  expiresAt: null,
  downloadLimit: 5,
  downloadsUsed: 0,
};

describe("denialFor: one set of rules for every request, counted or not", () => {
  it.each<[string, Partial<GrantState>, ReturnType<typeof denialFor>]>([
    ["usable", {}, null],
    ["partially refunded order", { orderStatus: "PARTIALLY_REFUNDED" }, null],
    ["unlimited", { downloadLimit: null, downloadsUsed: 999 }, null],
    ["one left", { downloadsUsed: 4 }, null],
    ["revoked", { revokedAt: new Date(NOW.getTime() - HOUR) }, "REVOKED"],
    ["refunded order", { orderStatus: "REFUNDED" }, "REVOKED"],
    ["disputed order", { orderStatus: "DISPUTED" }, "SUSPENDED"],
    ["expired", { expiresAt: new Date(NOW.getTime() - 1) }, "EXPIRED"],
    ["expires this instant", { expiresAt: NOW }, "EXPIRED"],
    ["exhausted", { downloadsUsed: 5 }, "EXHAUSTED"],
    ["limit 0", { downloadLimit: 0 }, "EXHAUSTED"],
    ["revoked and exhausted", { revokedAt: NOW, downloadsUsed: 5 }, "REVOKED"],
  ])("%s → %s", (_name, state, expected) => {
    expect(denialFor({ ...usable, ...state }, NOW)).toBe(expected);
  });
});

describe("resumeIsFree: only within the grace window after a counted download", () => {
  it.each<[string, Date | null, number, boolean]>([
    ["never counted", null, 24, false],
    ["counted just now", NOW, 24, true],
    ["counted 23 h ago", new Date(NOW.getTime() - 23 * HOUR), 24, true],
    ["counted exactly 24 h ago", new Date(NOW.getTime() - 24 * HOUR), 24, true],
    ["counted 24 h and 1 s ago", new Date(NOW.getTime() - 24 * HOUR - 1000), 24, false],
    ["counted 2 h ago, window 1 h", new Date(NOW.getTime() - 2 * HOUR), 1, false],
    ["window 0: resumes always count", NOW, 0, false],
    ["counted in the future (clock skew)", new Date(NOW.getTime() + HOUR), 24, false],
  ])("%s (window %s h) → %s", (_name, lastCountedAt, hours, expected) => {
    expect(resumeIsFree(lastCountedAt, NOW, hours)).toBe(expected);
  });
});
