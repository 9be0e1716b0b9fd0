import { describe, expect, it } from "vitest";
import { ifRangeValidators } from "./if-range-validators";
import type { SendfileBackendName } from "./types";

const MTIME = new Date("2026-12-02T11:00:00.750Z");
const target = { absolutePath: "/srv/protected/books/a.pdf", size: 65_553, mtime: MTIME };
const file = { storageKey: "books/a.pdf", displayName: "a.pdf", contentType: "application/pdf" };
const options = (backend: SendfileBackendName) => ({
  backend,
  protectedRoot: "/srv/protected",
  internalPrefix: "/_protected/",
});
const LATER = new Date(MTIME.getTime() + 60_000);
const DATE = "Wed, 02 Dec 2026 11:00:00 GMT";

describe("ifRangeValidators: the If-Range values each answering server certainly matches", () => {
  it.each<[SendfileBackendName, string[]]>([
    // The app's own ETag: size and mtime in milliseconds.
    ["node", [DATE, `"10011-${MTIME.getTime().toString(16)}"`]],
    // Measured: nginx 1.22 sends "<mtime s hex>-<size hex>".
    ["nginx", [DATE, `"${Math.floor(MTIME.getTime() / 1000).toString(16)}-10011"`]],
    // Measured: Caddy 2.6 sends "<mtime s base 36><size base 36>".
    ["caddy", [DATE, `"${Math.floor(MTIME.getTime() / 1000).toString(36)}${(65_553).toString(36)}"`]],
    ["apache", [DATE]],
    ["lighttpd", [DATE]],
  ])("%s → %j", (backend, expected) => {
    expect(ifRangeValidators(file, target, options(backend), LATER)).toEqual(expected);
  });

  it("offers no date while the file is too fresh for its Last-Modified to be a strong validator", () => {
    expect(ifRangeValidators(file, target, options("apache"), new Date(MTIME.getTime() + 1000))).toEqual([]);
  });

  it("uses the app's validators when the configured server cannot take the name and the app streams it", () => {
    const awkward = { ...file, storageKey: "books/a b.pdf" };
    const values = ifRangeValidators(
      awkward,
      { ...target, absolutePath: "/srv/protected/books/a b.pdf" },
      options("caddy"),
      LATER,
    );
    expect(values).toEqual([DATE, `"10011-${MTIME.getTime().toString(16)}"`]);
  });
});
