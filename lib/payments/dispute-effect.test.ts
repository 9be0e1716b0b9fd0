import { describe, expect, it } from "vitest";
import { DISPUTE_STATUSES, disputeEffect } from "./dispute-effect";

describe("disputeEffect", () => {
  const expected: Record<(typeof DISPUTE_STATUSES)[number], ReturnType<typeof disputeEffect>> = {
    warning_needs_response: "suspend",
    warning_under_review: "suspend",
    warning_closed: "restore",
    needs_response: "suspend",
    under_review: "suspend",
    won: "restore",
    lost: "revoke",
    prevented: "restore",
  };

  it.each(DISPUTE_STATUSES.map((status) => [status, expected[status]] as const))("%s → %s", (status, effect) => {
    expect(disputeEffect(status)).toBe(effect);
  });

  it("pauses on a status Stripe may add later", () => {
    expect(disputeEffect("something_new")).toBe("suspend");
  });
});
