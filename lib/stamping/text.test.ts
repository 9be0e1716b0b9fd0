import { describe, expect, it } from "vitest";
import { cleanField, cleanStamp, escapeXml } from "./text";

describe("stamp text", () => {
  it("keeps names readable and drops what would hide or break text", () => {
    expect(cleanField("  Zoe\u0308  Buyer ")).toBe("Zoë Buyer");
    expect(cleanField("a\u0000b\nc\td\u202Ee\u200Bf")).toBe("a b c d e f");
    expect(cleanField("x\uD800y\uFFFE")).toBe("xy");
    expect(cleanField("😀 Zoë")).toBe("😀 Zoë");
    expect(Array.from(cleanField("界".repeat(500)))).toHaveLength(200);
  });

  it("falls back to the email when the name is empty or blank", () => {
    const stamp = { licensedTo: " \u200B ", email: "zoe@example.com", orderId: "1", shopName: "B", noticePage: true };
    expect(cleanStamp(stamp).licensedTo).toBe("zoe@example.com");
  });

  it("escapes the five XML characters", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
  });
});
