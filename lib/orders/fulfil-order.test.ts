import { describe, expect, it } from "vitest";
import { isFileDueToOrder } from "./fulfil-order";

const day = (n: number) => new Date(Date.UTC(2026, 0, n));
const paidAt = day(10);
const file = (createdAt: Date, options: { active?: boolean; supersededAt?: Date | null } = {}) => ({
  createdAt,
  active: options.active ?? true,
  supersededAt: options.supersededAt ?? null,
});

describe("which files an order is owed", () => {
  it("with new versions for past buyers: every file on sale now, and nothing else", () => {
    expect(isFileDueToOrder(file(day(1)), true, paidAt)).toBe(true);
    expect(isFileDueToOrder(file(day(20)), true, paidAt)).toBe(true);
    expect(isFileDueToOrder(file(day(1), { active: false, supersededAt: day(15) }), true, paidAt)).toBe(false);
    expect(isFileDueToOrder(file(day(1), { active: false }), true, paidAt)).toBe(false);
  });

  it("without: what was on sale when the buyer paid, even if it was replaced since", () => {
    expect(isFileDueToOrder(file(day(1)), false, paidAt)).toBe(true);
    expect(isFileDueToOrder(file(day(20)), false, paidAt)).toBe(false);
    // A fulfilment that runs late (webhook retried after a new version) still gives what was bought.
    expect(isFileDueToOrder(file(day(1), { active: false, supersededAt: day(15) }), false, paidAt)).toBe(true);
    expect(isFileDueToOrder(file(day(1), { active: false, supersededAt: day(5) }), false, paidAt)).toBe(false);
    expect(isFileDueToOrder(file(day(1), { active: false }), false, paidAt)).toBe(false);
  });
});
