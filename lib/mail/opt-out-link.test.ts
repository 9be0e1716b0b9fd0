import { describe, expect, it } from "vitest";
import { signDownload } from "@/lib/downloads/signed-link";
import { checkOptOutSignature, optOutQuery } from "./opt-out-link";

const secret = "s".repeat(32);
const sigOf = (query: string) => new URLSearchParams(query).get("sig");

describe("opt-out links", () => {
  it("verify for their own address, whatever its case, and for no other", () => {
    const sig = sigOf(optOutQuery("Reader@Example.com", secret));
    expect(checkOptOutSignature("reader@example.com", sig, secret)).toBe(true);
    expect(checkOptOutSignature("READER@example.com", sig, secret)).toBe(true);
    expect(checkOptOutSignature("other@example.com", sig, secret)).toBe(false);
    expect(checkOptOutSignature("reader@example.com", sig, "t".repeat(32))).toBe(false);
  });

  it("refuse a download signature over the same text, and malformed input", () => {
    const download = signDownload("reader@example.com", 0, secret);
    expect(checkOptOutSignature("reader@example.com", download, secret)).toBe(false);
    expect(checkOptOutSignature("reader@example.com", null, secret)).toBe(false);
    expect(checkOptOutSignature(null, sigOf(optOutQuery("a@b.c", secret)), secret)).toBe(false);
    expect(checkOptOutSignature("reader@example.com", "zz", secret)).toBe(false);
  });
});
