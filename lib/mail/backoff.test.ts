import { describe, expect, it } from "vitest";
import { retryDelaySeconds } from "./backoff";

describe("retryDelaySeconds", () => {
  it.each([
    [1, 30, 30],
    [2, 30, 60],
    [3, 30, 120],
    [7, 30, 1920],
    [8, 30, 3600],
    [50, 30, 3600],
    [0, 30, 30],
    [1, 1, 1],
    [4, 1, 8],
    [1, 3600, 3600],
  ])("after attempt %i with a %i s base: %i s", (attempts, base, expected) => {
    expect(retryDelaySeconds(attempts, base)).toBe(expected);
  });
});
