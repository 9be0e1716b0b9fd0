import { isIPv4, isIPv6 } from "node:net";

/**
 * The key a per-client limit counts under. An IPv6 user usually holds a whole /64, so counting single
 * addresses would let one client rotate through billions of keys: IPv6 counts per /64, IPv4 per address.
 */
export function networkKey(ip: string | null): string {
  const value = ip?.trim().replace(/^\[|\]$/g, "") ?? "";
  if (!value) return "unknown";
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(value);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(value)) return value;
  const withoutZone = value.replace(/%.*$/, "");
  if (!isIPv6(withoutZone)) return "unknown";
  const groups = expandIPv6(withoutZone);
  // An IPv4-mapped address written in hex groups (::ffff:102:304) is still that IPv4 address.
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join(".");
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(":")}::/64`;
}

/**
 * The network a download came from, for spotting a shared link: IPv4 per /24 (a household or office
 * moving between addresses of one provider's block stays one network), IPv6 per /64 (as `networkKey`).
 * Null when the address is unknown or not an address, so it never counts as a network of its own.
 */
export function downloadNetwork(ip: string | null): string | null {
  const key = networkKey(ip);
  if (key === "unknown") return null;
  if (key.endsWith("/64")) return key;
  return `${key.split(".").slice(0, 3).join(".")}.0/24`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted IPv4 tail converted). */
function expandIPv6(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split(".").map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, null];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const all = tail === null ? headGroups : [...headGroups, ...Array<string>(missing).fill("0"), ...tailGroups];
  return all.map((group) => parseInt(group, 16));
}
