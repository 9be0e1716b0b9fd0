import { describe, expect, it } from "vitest";
import { isRangeFromStart } from "./is-range-from-start";

function withRange(range?: string): Request {
  return new Request("http://x/", range === undefined ? {} : { headers: { Range: range } });
}

describe("isRangeFromStart", () => {
  it.each([
    [undefined, true],
    ["bytes=0-", true],
    ["bytes=0-99", true],
    ["BYTES = 00-10", true],
    ["bytes=-500", true],
    ["bytes=5-9, 0-4", true],
    ["items=5-9", true],
    ["nonsense", true],
    ["bytes=1-", false],
    ["bytes=1048576-2097151", false],
    [" bytes=0005-", false],
  ])("%j → %s", (range, expected) => {
    expect(isRangeFromStart(withRange(range))).toBe(expected);
  });
});
