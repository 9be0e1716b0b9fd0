import { createHash, randomBytes } from "node:crypto";
import { open } from "node:fs/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sendProtectedFile } from "../send-protected-file";
import { makeTempRoot, type TempRoot } from "../testing/temp-root";
import type { ProtectedFile } from "../types";

// Pass-through spy: lets a test prove that HEAD never opens (so never reads) the file.
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  return { ...actual, open: vi.fn(actual.open) };
});

const MTIME = new Date("2024-01-02T03:04:05.678Z");
const LAST_MODIFIED = "Tue, 02 Jan 2024 03:04:05 GMT";
const CONTENT = randomBytes(300 * 1024 + 123);
const SIZE = CONTENT.length;
const ETAG = `"${SIZE.toString(16)}-${MTIME.getTime().toString(16)}"`;

let tree: TempRoot;
beforeAll(async () => {
  tree = await makeTempRoot();
  await tree.write("book.pdf", CONTENT, MTIME);
  await tree.write("empty.pdf", "", MTIME);
});
afterAll(() => tree.cleanup());
// Braces matter: a function returned from beforeEach would be run as a teardown.
beforeEach(() => {
  vi.mocked(open).mockClear();
});

const FILE: ProtectedFile = { storageKey: "book.pdf", displayName: "日本語.pdf", contentType: "application/pdf" };

function send(headers: Record<string, string> = {}, method = "GET", file = FILE): Promise<Response> {
  const request = new Request("http://store.test/api/downloads/g1", { method, headers });
  return sendProtectedFile(request, file, { backend: "node", protectedRoot: tree.root, internalPrefix: "/_p/" });
}
const bodyOf = async (response: Response) => Buffer.from(await response.arrayBuffer());
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("node backend", () => {
  it("sends the whole file with its validators and security headers", async () => {
    const response = await send();
    expect(response.status).toBe(200);
    expect(sha256(await bodyOf(response))).toBe(sha256(CONTENT));
    expect(Object.fromEntries(response.headers)).toEqual({
      "accept-ranges": "bytes",
      "cache-control": "private",
      "content-disposition": "attachment; filename=\"download.pdf\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC%E8%AA%9E.pdf",
      "content-length": String(SIZE),
      "content-type": "application/pdf",
      etag: ETAG,
      "last-modified": LAST_MODIFIED,
      "x-content-type-options": "nosniff",
    });
  });

  it("sends an empty file", async () => {
    const response = await send({}, "GET", { ...FILE, storageKey: "empty.pdf" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe("0");
    expect((await bodyOf(response)).length).toBe(0);
  });

  it.each([
    ["bytes=100-199", 100, 199],
    ["bytes=65530-131080", 65530, 131080],
    ["bytes=-10", SIZE - 10, SIZE - 1],
    [`bytes=${SIZE - 5}-`, SIZE - 5, SIZE - 1],
    [`bytes=0-${SIZE * 2}`, 0, SIZE - 1],
  ])("answers %s with 206 and exactly those bytes", async (range, start, end) => {
    const response = await send({ Range: range });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes ${start}-${end}/${SIZE}`);
    expect(response.headers.get("content-length")).toBe(String(end - start + 1));
    expect((await bodyOf(response)).equals(CONTENT.subarray(start, end + 1))).toBe(true);
  });

  it.each([`bytes=${SIZE}-`, "bytes=-0"])("answers the unsatisfiable %s with 416", async (range) => {
    const response = await send({ Range: range });
    expect(response.status).toBe(416);
    expect(response.headers.get("content-range")).toBe(`bytes */${SIZE}`);
    expect((await bodyOf(response)).length).toBe(0);
  });

  it.each(["bytes=0-9,20-29", "bytes=0-9,5-15", "items=0-9", "bytes=abc", "bytes 0-9"])(
    "ignores the Range %j and sends the whole file",
    async (range) => {
      const response = await send({ Range: range });
      expect(response.status).toBe(200);
      expect(response.headers.has("content-range")).toBe(false);
      expect((await bodyOf(response)).length).toBe(SIZE);
    },
  );

  it.each([
    ["If-None-Match", ETAG],
    ["If-None-Match", `"other", W/${ETAG}`],
    ["If-None-Match", "*"],
    ["If-Modified-Since", LAST_MODIFIED],
    ["If-Modified-Since", "Wed, 01 Jan 2025 00:00:00 GMT"],
  ])("answers %s: %s with 304 and no body", async (name, value) => {
    const response = await send({ [name]: value });
    expect(response.status).toBe(304);
    expect(response.headers.get("etag")).toBe(ETAG);
    expect(response.headers.get("last-modified")).toBe(LAST_MODIFIED);
    expect(response.headers.get("cache-control")).toBe("private");
    expect(response.body).toBeNull();
  });

  it.each([
    ["If-None-Match", '"other"'],
    ["If-Modified-Since", "Tue, 02 Jan 2024 03:04:04 GMT"],
    ["If-Modified-Since", "not a date"],
  ])("answers %s: %s with 200", async (name, value) => {
    expect((await send({ [name]: value })).status).toBe(200);
  });

  it("lets If-None-Match win over If-Modified-Since", async () => {
    const response = await send({ "If-None-Match": '"other"', "If-Modified-Since": "Wed, 01 Jan 2025 00:00:00 GMT" });
    expect(response.status).toBe(200);
  });

  it.each([
    [{ "If-Match": '"other"' }, 412],
    [{ "If-Match": `W/${ETAG}` }, 412],
    [{ "If-Match": ETAG }, 200],
    [{ "If-Match": `"a", ${ETAG}` }, 200],
    [{ "If-Match": "*" }, 200],
    [{ "If-Unmodified-Since": "Tue, 02 Jan 2024 03:04:04 GMT" }, 412],
    [{ "If-Unmodified-Since": LAST_MODIFIED }, 200],
    [{ "If-Match": ETAG, "If-Unmodified-Since": "Mon, 01 Jan 2024 00:00:00 GMT" }, 200],
    [{ "If-Match": '"other"', "If-None-Match": ETAG }, 412],
  ])("answers %j with %i", async (headers, status) => {
    expect((await send(headers)).status).toBe(status);
  });

  it.each([
    [ETAG, 206],
    [LAST_MODIFIED, 206],
    ['"other"', 200],
    [`W/${ETAG}`, 200],
    ["Tue, 02 Jan 2024 03:04:06 GMT", 200],
  ])("with If-Range %s answers a range with %i", async (ifRange, status) => {
    const response = await send({ Range: "bytes=10-19", "If-Range": ifRange });
    expect(response.status).toBe(status);
    expect((await bodyOf(response)).length).toBe(status === 206 ? 10 : SIZE);
  });

  it("answers HEAD with the GET headers, no body, and never opens the file", async () => {
    const head = await send({}, "HEAD");
    expect(vi.mocked(open)).not.toHaveBeenCalled();
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    const getResponse = await send();
    expect(vi.mocked(open)).toHaveBeenCalledTimes(1);
    expect(Object.fromEntries(head.headers)).toEqual(Object.fromEntries(getResponse.headers));
    await getResponse.body?.cancel();
  });

  it("answers a HEAD with Range like the GET would, still without opening the file", async () => {
    const head = await send({ Range: "bytes=0-9" }, "HEAD");
    expect(head.status).toBe(206);
    expect(head.headers.get("content-range")).toBe(`bytes 0-9/${SIZE}`);
    expect(head.body).toBeNull();
    expect(vi.mocked(open)).not.toHaveBeenCalled();
  });

  it("answers 405 with Allow for other methods", async () => {
    const response = await send({}, "PUT");
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
  });
});
