import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, parseAuditAction } from "@/lib/admin/audit-actions";
import { buildOrderTimeline, type AuditRow } from "@/lib/orders/staff-timeline";

const order = { createdAt: new Date("2026-01-01T00:00:00Z"), paidAt: null, currency: "usd" };
const row = (action: string, details: Record<string, unknown> = {}, minute = 1): AuditRow => ({
  action,
  targetType: "Order",
  targetId: "ord_1",
  details: JSON.stringify(details),
  createdAt: new Date(`2026-01-01T00:0${minute}:00Z`),
  actor: null,
});
const titles = (rows: AuditRow[]) => buildOrderTimeline(order, rows, new Map()).map((entry) => entry.title);

describe("audit actions on the staff timeline", () => {
  it("every action has a label, and a stored string is read back only when it is a known action", () => {
    const actions = Object.keys(AUDIT_ACTIONS);
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) {
      expect(parseAuditAction(action)).toBe(action);
      expect(titles([row(action)])[1]).not.toBe(action);
    }
    expect(parseAuditAction("order.teleported")).toBeNull();
    expect(parseAuditAction("toString")).toBeNull();
  });

  it("an action this version does not know gets a generic title instead of breaking the page", () => {
    expect(titles([row("order.teleported", { to: "mars" })])).toEqual([
      "Order created at checkout",
      "Recorded change (order.teleported)",
    ]);
  });

  it("names what staff act on: refunds with their amount, a payment held for a mismatch with its reason", () => {
    const entries = buildOrderTimeline(
      order,
      [
        row("order.refund", { amountCents: 900, refundId: "re_1", items: [{ title: "Field Notes" }] }, 1),
        row("order.payment_mismatch", { problem: "paid 500 usd, order is 700 usd" }, 2),
      ],
      new Map(),
    );
    expect(entries.slice(1).map(({ title, detail, actor }) => ({ title, detail, actor }))).toEqual([
      { title: "Refund of $9.00 issued through Stripe", detail: "Field Notes · re_1", actor: "Stripe" },
      {
        title: "Payment held: the amount or currency paid does not match the order",
        detail: "paid 500 usd, order is 700 usd",
        actor: "Stripe",
      },
    ]);
  });
});
