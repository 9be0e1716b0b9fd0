import { describe, expect, it } from "vitest";
import { parseResumeRange } from "./resume-range";

describe("parseResumeRange: only the exact single-range spelling from past byte 0", () => {
  it.each([
    ["bytes=1-", { start: 1, end: null }],
    ["bytes=1-99", { start: 1, end: 99 }],
    ["bytes=1-1", { start: 1, end: 1 }],
    ["bytes=1048576-", { start: 1048576, end: null }],
    ["bytes=1-999999999", { start: 1, end: 999999999 }],
    ["bytes=999999999999999-", { start: 999999999999999, end: null }],
  ])("%j → %j", (header, expected) => {
    expect(parseResumeRange(header)).toEqual(expected);
  });

  it.each([
    null,
    "",
    "bytes=0-",
    "bytes=0-99",
    "bytes=00-",
    "bytes=01-",
    "bytes=-5",
    "bytes=1-0",
    "bytes =1-",
    "bytes= 1-",
    "bytes=1 -",
    "bytes=1- ",
    " bytes=1-",
    "bytes=\t1-",
    "Bytes=1-",
    "BYTES=1-",
    "items=1-",
    "bytes=1-,2-",
    "bytes=1-5,10-20",
    "bytes=1-, bytes=0-",
    "bytes=1-99999999999999999999",
    "bytes=1000000000000000-",
    "bytes=1.5-",
    "bytes=+1-",
    "bytes=1",
    "bytes=",
  ])("%j → null", (header) => {
    expect(parseResumeRange(header)).toBeNull();
  });
});
