import { describe, expect, it } from "vitest";
import { BodyTooLargeError, MAX_BODY_BYTES, announcesTooMuch, readTextWithin } from "@/lib/http/body-limit";

const post = (headers: Record<string, string>, body?: BodyInit) =>
  new Request("http://shop.test/api/stripe/webhook", { method: "POST", headers, body, duplex: "half" } as RequestInit);

/** A body that arrives in `chunks` pieces of `size` bytes with no length announced; counts what was pulled. */
function chunked(chunks: number, size: number) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
  return { stream, pulled: () => pulled };
}

describe("announcesTooMuch", () => {
  it.each([
    [String(MAX_BODY_BYTES), false],
    [String(MAX_BODY_BYTES + 1), true],
    ["0", false],
    ["99999999999999999999", true],
    ["12abc", true],
    ["-1", true],
  ])("Content-Length %s → %s", (length, tooMuch) => {
    expect(announcesTooMuch(new Request("http://shop.test/", { headers: { "content-length": length } }))).toBe(tooMuch);
  });

  it("is false when no length is announced (chunked): the reader counts instead", () => {
    expect(announcesTooMuch(new Request("http://shop.test/"))).toBe(false);
  });
});

describe("readTextWithin", () => {
  it("reads a body within the limit", async () => {
    expect(await readTextWithin(post({}, "hello"))).toBe("hello");
    expect(await readTextWithin(post({}, "x".repeat(MAX_BODY_BYTES)))).toHaveLength(MAX_BODY_BYTES);
  });

  it("refuses an announced oversize body before reading any of it", async () => {
    const body = chunked(100, 64 * 1024);
    const request = new Request("http://shop.test/", {
      method: "POST",
      headers: { "content-length": String(2 * MAX_BODY_BYTES) },
      body: body.stream,
      duplex: "half",
    } as RequestInit);
    await expect(readTextWithin(request)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(body.pulled()).toBeLessThanOrEqual(1);
  });

  it("stops a chunked body at the limit instead of reading it all", async () => {
    const body = chunked(1000, 64 * 1024); // 64 MB if read to the end
    await expect(readTextWithin(post({}, body.stream))).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(body.pulled()).toBeLessThan(40);
  });
});
