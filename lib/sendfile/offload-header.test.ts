import { realpath } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfinementError } from "./errors";
import { offloadHeaderValue } from "./offload-header";
import { resolveConfinedPath } from "./resolve-confined-path";
import { makeTempRoot, type TempRoot } from "./testing/temp-root";

const PREFIX = "/_protected/";

// [key on disk, its percent-encoded form]
const NAMES: Array<[key: string, encoded: string]> = [
  ["a b", "a%20b"],
  ["100%", "100%25"],
  ["%41", "%2541"],
  ["q?", "q%3F"],
  ["h#", "h%23"],
  ["é", "%C3%A9"],
  ["日本語", "%E6%97%A5%E6%9C%AC%E8%AA%9E"],
  ["..foo", "..foo"],
  ['résumé "v2".pdf', "r%C3%A9sum%C3%A9%20%22v2%22.pdf"],
  ["plain-book_v1.2~.pdf", "plain-book_v1.2~.pdf"],
  ["shelf/sub dir/é.pdf", "shelf/sub%20dir/%C3%A9.pdf"],
];

let tree: TempRoot;
let realRoot: string;
beforeAll(async () => {
  tree = await makeTempRoot();
  for (const [key] of NAMES) await tree.write(key, key);
  await tree.write("a\r\nb.pdf", "crlf");
  await tree.write("trailing ", "space");
  realRoot = await realpath(tree.root);
  // The expected lighttpd values below assume the root itself needs no escaping.
  expect(realRoot).toMatch(/^[A-Za-z0-9/._~-]+$/);
});
afterAll(() => tree.cleanup());

async function valueFor(backend: "nginx" | "apache" | "lighttpd" | "caddy", key: string, prefix = PREFIX) {
  const { absolutePath } = await resolveConfinedPath(tree.root, key);
  return offloadHeaderValue(backend, absolutePath, key, prefix);
}

describe("offloadHeaderValue", () => {
  it.each(NAMES)("nginx: %j → prefix + %s", async (key, encoded) => {
    expect(await valueFor("nginx", key)).toBe(`${PREFIX}${encoded}`);
  });

  it.each(NAMES)("lighttpd: %j → real path, encoded per segment", async (key, encoded) => {
    expect(await valueFor("lighttpd", key)).toBe(`${realRoot}/${encoded}`);
  });

  it.each(NAMES)("apache: %j → the real path's UTF-8 bytes as a byte string", async (key) => {
    const value = await valueFor("apache", key);
    expect(value).not.toBeNull();
    expect(Buffer.from(value ?? "", "latin1")).toEqual(Buffer.from(`${realRoot}/${key}`, "utf8"));
  });

  it.each(NAMES)("caddy: %j → only unreserved keys are offloaded", async (key) => {
    const expected = /^[A-Za-z0-9._~/-]+$/.test(key) ? `${PREFIX}${key}` : null;
    expect(await valueFor("caddy", key)).toBe(expected);
  });

  it("caddy offloads the plain names", async () => {
    expect(await valueFor("caddy", "plain-book_v1.2~.pdf")).toBe(`${PREFIX}plain-book_v1.2~.pdf`);
    expect(await valueFor("caddy", "..foo")).toBe(`${PREFIX}..foo`);
    expect(await valueFor("caddy", "a b")).toBeNull();
  });

  it.each(["nginx", "apache", "lighttpd", "caddy"] as const)("%s refuses a key with CR/LF", async (backend) => {
    expect(await valueFor(backend, "a\r\nb.pdf")).toBeNull();
  });

  it("apache refuses a path with trailing whitespace, which Headers would trim", async () => {
    expect(await valueFor("apache", "trailing ")).toBeNull();
    expect(await valueFor("nginx", "trailing ")).toBe(`${PREFIX}trailing%20`);
  });

  it("joins a prefix given without its trailing slash", async () => {
    expect(await valueFor("nginx", "a b", "/_protected")).toBe("/_protected/a%20b");
  });

  it("has no header for the node backend", async () => {
    expect(offloadHeaderValue("node", `${realRoot}/a b`, "a b", PREFIX)).toBeNull();
  });

  it.each(["../../etc/passwd", ""])("%j never gets as far as a header", async (key) => {
    await expect(valueFor("nginx", key)).rejects.toBeInstanceOf(ConfinementError);
  });
});
