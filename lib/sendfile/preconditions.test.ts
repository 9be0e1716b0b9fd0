import { describe, expect, it } from "vitest";
import { evaluatePreconditions, ifRangeHolds } from "./preconditions";
import { parseHttpDateSeconds, validatorsFor } from "./validators";

const MTIME = new Date("2024-01-02T03:04:05.678Z");
const validators = validatorsFor(0x4b07b, MTIME);
const LATER = new Date("2024-06-01T00:00:00Z");

describe("validators", () => {
  it("builds a strong ETag from size and mtime in hex", () => {
    expect(validators.etag).toBe(`"4b07b-${MTIME.getTime().toString(16)}"`);
  });

  it.each([
    ["Tue, 02 Jan 2024 03:04:05 GMT", 1704164645],
    ["Tuesday, 02-Jan-24 03:04:05 GMT", 1704164645],
    ["Tue Jan  2 03:04:05 2024", 1704164645],
    ["yesterday", null],
  ])("reads the HTTP-date %j in UTC whatever the local zone", (value, seconds) => {
    const zone = process.env.TZ;
    process.env.TZ = "America/New_York";
    try {
      expect(parseHttpDateSeconds(value)).toBe(seconds);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

describe("evaluatePreconditions", () => {
  it("checks If-None-Match instead of If-Modified-Since when both are sent", () => {
    const headers = new Headers({ "If-None-Match": '"other"', "If-Modified-Since": LATER.toUTCString() });
    expect(evaluatePreconditions(headers, validators)).toBe("proceed");
  });

  it("checks If-Match instead of If-Unmodified-Since when both are sent", () => {
    const headers = new Headers({ "If-Match": '"other"', "If-Unmodified-Since": LATER.toUTCString() });
    expect(evaluatePreconditions(headers, validators)).toBe("failed");
  });
});

describe("ifRangeHolds", () => {
  const withIfRange = (value: string) => new Headers({ "If-Range": value });

  it("accepts the Last-Modified date once it is at least a second old", () => {
    expect(ifRangeHolds(withIfRange(MTIME.toUTCString()), validators, LATER)).toBe(true);
  });

  it("refuses a Last-Modified less than a second old, which is only a weak validator", () => {
    const now = new Date(MTIME.getTime() + 300);
    expect(ifRangeHolds(withIfRange(MTIME.toUTCString()), validators, now)).toBe(false);
  });

  it("holds when there is no If-Range", () => {
    expect(ifRangeHolds(new Headers(), validators, LATER)).toBe(true);
  });
});
