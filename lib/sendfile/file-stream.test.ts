import { randomBytes } from "node:crypto";
import { readlinkSync } from "node:fs";
import { open, realpath, truncate } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CHUNK_SIZE, createFileStream } from "./file-stream";
import { makeTempRoot, type TempRoot } from "./testing/temp-root";

const CONTENT = randomBytes(CHUNK_SIZE * 5 + 17);
let tree: TempRoot;
let filePath: string;
beforeEach(async () => {
  tree = await makeTempRoot();
  filePath = await tree.write("big.bin", CONTENT);
});
afterEach(() => tree.cleanup());

/** What the process's descriptor fd refers to now, per the kernel, or null when it is not open. */
function fdTarget(fd: number): string | null {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return null;
  }
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
  return Buffer.concat(chunks);
}

describe("createFileStream", () => {
  it("streams an inclusive span across chunk boundaries and closes at the end", async () => {
    const handle = await open(filePath, "r");
    const close = vi.spyOn(handle, "close");
    const bytes = await readAll(createFileStream(handle, 10, CHUNK_SIZE * 2 + 5));
    expect(bytes.equals(CONTENT.subarray(10, CHUNK_SIZE * 2 + 6))).toBe(true);
    expect(close).toHaveBeenCalledTimes(1);
    expect(handle.fd).toBe(-1);
  });

  it("reads lazily: one consumed chunk costs at most a chunk of read-ahead", async () => {
    const handle = await open(filePath, "r");
    const read = vi.spyOn(handle, "read");
    const reader = createFileStream(handle, 0, CONTENT.length - 1).getReader();
    const first = await reader.read();
    expect(first.value?.length).toBe(CHUNK_SIZE);
    // The stream refills its one-chunk queue: a second read. Once that read has settled, any further
    // pull would start from its promise reactions, all of which run before the next macrotask.
    await vi.waitFor(() => expect(read.mock.settledResults[1]?.type).toBe("fulfilled"));
    await new Promise((resolve) => setImmediate(resolve));
    expect(read).toHaveBeenCalledTimes(2);
    await reader.cancel();
  });

  it("closes the handle when the consumer cancels mid-way", async () => {
    const handle = await open(filePath, "r");
    const fd = handle.fd;
    const realFile = await realpath(filePath);
    expect(fdTarget(fd)).toBe(realFile);
    const close = vi.spyOn(handle, "close");

    const reader = createFileStream(handle, 0, CONTENT.length - 1).getReader();
    await reader.read();
    await reader.cancel("client went away");

    expect(close).toHaveBeenCalledTimes(1);
    expect(handle.fd).toBe(-1);
    // The number may be reused at once (even by the readlink itself), but not for this file.
    expect(fdTarget(fd)).not.toBe(realFile);
  });

  it("errors the stream and closes the handle when the file shrinks underneath it", async () => {
    const handle = await open(filePath, "r");
    const close = vi.spyOn(handle, "close");
    const reader = createFileStream(handle, 0, CONTENT.length - 1).getReader();
    await reader.read();
    await truncate(filePath, CHUNK_SIZE * 2);
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return;
      })(),
    ).rejects.toThrow(/file ended at byte/);
    expect(close).toHaveBeenCalledTimes(1);
    expect(handle.fd).toBe(-1);
  });
});
