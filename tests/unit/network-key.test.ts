import { describe, expect, it } from "vitest";
import { downloadNetwork, networkKey } from "@/lib/http/network-key";

describe("networkKey: what a per-client limit counts under", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    [" 203.0.113.9 ", "203.0.113.9"],
    ["::ffff:1.2.3.4", "1.2.3.4"],
    ["::FFFF:1.2.3.4", "1.2.3.4"],
    ["::ffff:102:304", "1.2.3.4"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002::1", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["2001:DB8::", "2001:db8:0:0::/64"],
    ["[2001:db8:1:2::9]", "2001:db8:1:2::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["::", "0:0:0:0::/64"],
    ["64:ff9b::1.2.3.4", "64:ff9b:0:0::/64"],
    [null, "unknown"],
    ["", "unknown"],
    ["not an address", "unknown"],
    ["1.2.3.4.5", "unknown"],
    ["2001:db8::1::2", "unknown"],
  ])("%s → %s", (ip, key) => {
    expect(networkKey(ip)).toBe(key);
  });

  it("puts two addresses of one /64 under one key and the next /64 under another", () => {
    expect(networkKey("2001:db8:a:b::1")).toBe(networkKey("2001:db8:a:b:ffff::2"));
    expect(networkKey("2001:db8:a:b::1")).not.toBe(networkKey("2001:db8:a:c::1"));
  });
});

describe("downloadNetwork: what counts as one network when looking for a shared link", () => {
  it.each([
    ["203.0.113.9", "203.0.113.0/24"],
    ["203.0.113.250", "203.0.113.0/24"],
    ["::ffff:203.0.113.9", "203.0.113.0/24"],
    ["2001:db8:1:2::9", "2001:db8:1:2::/64"],
    [null, null],
    ["", null],
    ["not an address", null],
  ])("%s → %s", (ip, network) => {
    expect(downloadNetwork(ip)).toBe(network);
  });

  it("puts one /24 under one network and the next /24 under another", () => {
    expect(downloadNetwork("198.51.100.1")).toBe(downloadNetwork("198.51.100.200"));
    expect(downloadNetwork("198.51.100.1")).not.toBe(downloadNetwork("198.51.101.1"));
  });
});
