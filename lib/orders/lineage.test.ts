import { describe, expect, it } from "vitest";
import { lineageRoot, revokedLineages } from "./lineage";

const v1 = { id: "f1", lineageId: null };
const v2 = { id: "f2", lineageId: "f1" };
const other = { id: "e1", lineageId: null };
const at = new Date("2026-12-01T00:00:00Z");

describe("revocations across versions", () => {
  it("names a lineage by its first version", () => {
    expect(lineageRoot(v1)).toBe("f1");
    expect(lineageRoot(v2)).toBe("f1");
  });

  it.each([
    ["nothing revoked", [{ revokedAt: null, productFile: v1 }], []],
    ["first version revoked", [{ revokedAt: at, productFile: v1 }], ["f1"]],
    [
      "a later version revoked",
      [
        { revokedAt: null, productFile: v1 },
        { revokedAt: at, productFile: v2 },
      ],
      ["f1"],
    ],
    [
      "another file revoked",
      [
        { revokedAt: null, productFile: v1 },
        { revokedAt: at, productFile: other },
      ],
      ["e1"],
    ],
    ["no grants", [], []],
  ] as const)("%s", (_, grants, closed) => {
    expect([...revokedLineages(grants)]).toEqual(closed);
  });
});
