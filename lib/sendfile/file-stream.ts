import type { FileHandle } from "node:fs/promises";

export const CHUNK_SIZE = 64 * 1024;

/**
 * Bytes start..end (inclusive) of an open file, one chunk per pull(), so a slow client holds at most
 * a chunk or two in memory whatever the file size. The stream owns the handle: it is closed at the
 * end, on a read error, and on cancel() (the client went away).
 */
export function createFileStream(handle: FileHandle, start: number, end: number): ReadableStream<Uint8Array> {
  let position = start;
  let closed = false;
  const closeHandle = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await handle.close();
  };

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const chunk = new Uint8Array(Math.min(CHUNK_SIZE, end - position + 1));
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
        if (bytesRead === 0) throw new Error(`file ended at byte ${position}, expected ${end + 1}`);
        position += bytesRead;
        controller.enqueue(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
        if (position > end) {
          controller.close();
          await closeHandle();
        }
      } catch (error) {
        controller.error(error);
        // The read error is the one worth reporting; a failing close after it adds nothing.
        await closeHandle().catch(() => undefined);
      }
    },
    cancel: closeHandle,
  });
}
