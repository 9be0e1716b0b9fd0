import { describe, expect, it } from "vitest";
import { claimQuery, checkClaim } from "@/lib/auth/claim-link";
import { checkGrantLink, grantLinkQuery, linkGenerationOf, signDownload, signedQuery } from "./signed-link";

const SECRET = "s".repeat(64);
const NOW = 1_900_000_000;
const check = (grantId: string, query: string, now = NOW) =>
  checkGrantLink(grantId, new URLSearchParams(query), SECRET, now);
const withParam = (query: string, name: string, value: string | null) => {
  const params = new URLSearchParams(query);
  if (value === null) params.delete(name);
  else params.set(name, value);
  return params.toString();
};

describe("signed links with link generations", () => {
  it("generation 0 signs exactly what links signed before generations existed, and carries no g", () => {
    const query = grantLinkQuery("grant-1", 0, 600, SECRET, NOW);
    expect(query).toBe(signedQuery("grant-1", 600, SECRET, NOW));
    expect(new URLSearchParams(query).has("g")).toBe(false);
    expect(signDownload("grant-1", NOW + 600, SECRET)).toBe(signDownload("grant-1", NOW + 600, SECRET, 0));
    expect(check("grant-1", query)).toEqual({ check: "valid", generation: 0 });
  });

  it("a later generation carries g and verifies as that generation only", () => {
    const query = grantLinkQuery("grant-1", 3, 600, SECRET, NOW);
    expect(new URLSearchParams(query).get("g")).toBe("3");
    expect(check("grant-1", query)).toEqual({ check: "valid", generation: 3 });
    expect(signDownload("grant-1", NOW + 600, SECRET, 3)).not.toBe(signDownload("grant-1", NOW + 600, SECRET));
  });

  it("a tampered g breaks the signature: an old link cannot be lifted to the current generation", () => {
    const old = grantLinkQuery("grant-1", 0, 600, SECRET, NOW);
    for (const g of ["1", "2"]) expect(check("grant-1", withParam(old, "g", g))).toEqual({ check: "invalid" });
    const second = grantLinkQuery("grant-1", 2, 600, SECRET, NOW);
    expect(check("grant-1", withParam(second, "g", "3"))).toEqual({ check: "invalid" });
    expect(check("grant-1", withParam(second, "g", "1"))).toEqual({ check: "invalid" });
  });

  it("dropping g from a later generation's link makes it invalid, not a generation-0 link", () => {
    const rotated = grantLinkQuery("grant-1", 1, 600, SECRET, NOW);
    expect(check("grant-1", withParam(rotated, "g", null))).toEqual({ check: "invalid" });
  });

  it("refuses a g that is not a canonical positive integer", () => {
    for (const g of ["0", "01", "-1", "1.0", "x", "", "1e3", "9999999999"]) expect(linkGenerationOf(g)).toBeNull();
    expect(linkGenerationOf(null)).toBe(0);
    expect(linkGenerationOf("12")).toBe(12);
    const query = grantLinkQuery("grant-1", 0, 600, SECRET, NOW);
    expect(check("grant-1", withParam(query, "g", "0"))).toEqual({ check: "invalid" });
  });

  it("is bound to its grant and expires like any signed link, keeping its generation", () => {
    const query = grantLinkQuery("grant-1", 2, 600, SECRET, NOW);
    expect(check("grant-2", query)).toEqual({ check: "invalid" });
    expect(check("grant-1", query, NOW + 601)).toEqual({ check: "expired", generation: 2 });
    expect(checkGrantLink("grant-1", new URLSearchParams(query), "t".repeat(64), NOW)).toEqual({ check: "invalid" });
  });

  it("leaves claim links (the same HMAC, another subject) working", () => {
    const params = new URLSearchParams(claimQuery("order-1", 600, SECRET));
    expect(checkClaim("order-1", params.get("expires"), params.get("sig"), SECRET)).toBe("valid");
    expect(checkClaim("order-2", params.get("expires"), params.get("sig"), SECRET)).toBe("invalid");
  });
});
