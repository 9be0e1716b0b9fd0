import { describe, expect, it } from "vitest";
import { laneGrantId } from "./lane-path";

describe("which requests the download lane answers", () => {
  it.each([
    ["GET", "/api/downloads/clx1abc2def3", "clx1abc2def3"],
    ["HEAD", "/api/downloads/clx1abc2def3", "clx1abc2def3"],
    ["GET", "/api/downloads/grt_0a1b-2c?exp=1&sig=abc", "grt_0a1b-2c"],
    ["GET", "/api/downloads/clx1abc2def3?", "clx1abc2def3"],
  ])("%s %s is the lane's", (method, url, grantId) => {
    expect(laneGrantId(method, url)).toBe(grantId);
  });

  it.each([
    ["POST", "/api/downloads/clx1abc2def3"],
    ["OPTIONS", "/api/downloads/clx1abc2def3"],
    ["get", "/api/downloads/clx1abc2def3"],
    ["GET", "/api/downloads/selftest"],
    ["GET", "/api/downloads/selftest?deep=1"],
    ["GET", "/api/downloads/clx1abc2def3/"],
    ["GET", "/api/downloads/clx1abc2def3/extra"],
    ["GET", "/api/downloads/%63lx1abc2def3"],
    ["GET", "/api/downloads/"],
    ["GET", "/api/downloads"],
    ["GET", "//api/downloads/clx1abc2def3"],
    ["GET", "/API/downloads/clx1abc2def3"],
    ["GET", "http://shop.example/api/downloads/clx1abc2def3"],
    ["GET", "/api/downloads/clx1abc2def3#frag"],
    ["GET", `/api/downloads/${"a".repeat(65)}`],
    ["GET", "/api/admin/exports/downloads"],
    ["GET", undefined],
  ])("%s %s is left to Next", (method, url) => {
    expect(laneGrantId(method, url)).toBeNull();
  });
});
