import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfinementError, MissingFileError } from "./errors";
import { sendProtectedFile } from "./send-protected-file";
import { makeTempRoot, type TempRoot } from "./testing/temp-root";
import type { ProtectedFile, SendfileBackendName, SendfileOptions } from "./types";

let tree: TempRoot;
beforeAll(async () => {
  tree = await makeTempRoot();
  await tree.write("book.pdf", "%PDF-1.7 plain");
  await tree.write("a b.pdf", "%PDF-1.7 spaced");
  await tree.write("a\r\nb.pdf", "%PDF-1.7 crlf");
});
afterAll(() => tree.cleanup());

const options = (backend: SendfileBackendName): SendfileOptions => ({
  backend,
  protectedRoot: tree.root,
  internalPrefix: "/_protected/",
});
const book = (storageKey: string, contentType = "application/pdf"): ProtectedFile => ({
  storageKey,
  displayName: "Résumé.pdf",
  contentType,
});
const get = (method = "GET") => new Request("http://store.test/api/downloads/g1", { method });

describe("sendProtectedFile with an offloading server", () => {
  it.each([
    ["nginx", 204, "x-accel-redirect", "/_protected/book.pdf"],
    ["caddy", 204, "x-accel-redirect", "/_protected/book.pdf"],
    ["apache", 200, "x-sendfile", null],
    ["lighttpd", 200, "x-sendfile", null],
  ] as const)("%s: status %i, empty body, %s header", async (backend, status, header, value) => {
    for (const method of ["GET", "HEAD"]) {
      const response = await sendProtectedFile(get(method), book("book.pdf"), options(backend));
      expect(response.status).toBe(status);
      expect(await response.text()).toBe("");
      const sent = response.headers.get(header);
      if (value === null) expect(sent).toMatch(/\/protected\/book\.pdf$/);
      else expect(sent).toBe(value);
      expect(response.headers.get("content-type")).toBe("application/pdf");
      expect(response.headers.get("content-disposition")).toBe(
        "attachment; filename=\"Resume.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9.pdf",
      );
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("cache-control")).toBe("private");
      for (const absent of ["etag", "last-modified", "content-length", "accept-ranges"]) {
        expect(response.headers.has(absent)).toBe(false);
      }
    }
  });

  it("streams from the app when caddy cannot take the name", async () => {
    const response = await sendProtectedFile(get(), book("a b.pdf"), options("caddy"));
    expect(response.status).toBe(200);
    expect(response.headers.has("x-accel-redirect")).toBe(false);
    expect(response.headers.get("etag")).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(await response.text()).toBe("%PDF-1.7 spaced");
  });

  it.each(["nginx", "apache", "lighttpd", "caddy"] as const)(
    "%s: a key with CR/LF is streamed by the app",
    async (backend) => {
      const response = await sendProtectedFile(get(), book("a\r\nb.pdf"), options(backend));
      expect(response.status).toBe(200);
      expect(response.headers.has("x-accel-redirect") || response.headers.has("x-sendfile")).toBe(false);
      expect(await response.text()).toBe("%PDF-1.7 crlf");
    },
  );

  it("replaces a malformed content type", async () => {
    const response = await sendProtectedFile(get(), book("book.pdf", "pdf please"), options("nginx"));
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
  });

  it.each(["nginx", "node"] as const)("%s: answers 405 with Allow for other methods", async (backend) => {
    const response = await sendProtectedFile(get("POST"), book("book.pdf"), options(backend));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
    expect(response.headers.has("x-accel-redirect")).toBe(false);
  });

  it("throws ConfinementError and MissingFileError for the caller to map to 404", async () => {
    await expect(sendProtectedFile(get(), book("../book.pdf"), options("nginx"))).rejects.toBeInstanceOf(
      ConfinementError,
    );
    await expect(sendProtectedFile(get(), book("gone.pdf"), options("apache"))).rejects.toBeInstanceOf(
      MissingFileError,
    );
  });
});
