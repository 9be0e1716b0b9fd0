import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { expect, it } from "vitest";
import { request } from "../../helpers/servers/raw-http";
import type { Stack } from "../../helpers/servers/stack";

/**
 * The build's scripts and stylesheets go out as the gzip copy the build wrote beside them
 * (scripts/copy-standalone-assets.mjs) to a browser that accepts gzip, and as written to one that does not.
 */
export function staticAssetsAreSentGzipped(stack: () => Stack) {
  it("sends the build's scripts and stylesheets gzipped to browsers that accept it, as written to others", async () => {
    const { url } = stack();
    const root = path.resolve(__dirname, "../../../.next/standalone/.next/static/chunks");
    const names = readdirSync(root);
    const script = names.find((name) => name.endsWith(".js") && names.includes(`${name}.gz`));
    const stylesheet = names.find((name) => name.endsWith(".css") && names.includes(`${name}.gz`));
    expect(script, "a script with its .gz copy").toBeDefined();
    expect(stylesheet, "a stylesheet with its .gz copy").toBeDefined();
    for (const name of [script, stylesheet] as string[]) {
      const original = readFileSync(path.join(root, name));
      const gzipped = await request(url, "GET", `/_next/static/chunks/${name}`, { "Accept-Encoding": "gzip, deflate" });
      expect(gzipped.status, name).toBe(200);
      expect(gzipped.headers["content-encoding"], name).toBe("gzip");
      expect(String(gzipped.headers.vary), name).toContain("Accept-Encoding");
      expect(String(gzipped.headers["cache-control"]), name).toContain("immutable");
      expect(gunzipSync(gzipped.body).equals(original), name).toBe(true);
      expect(gzipped.body.length, name).toBeLessThan(original.length / 2);
      const plain = await request(url, "GET", `/_next/static/chunks/${name}`);
      expect(plain.headers["content-encoding"], name).toBeUndefined();
      expect(plain.body.equals(original), name).toBe(true);
    }
  });
}
