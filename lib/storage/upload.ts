import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { mkdir, open, rename, unlink, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { formatBytes } from "@/lib/catalog/money";
import { SNIFF_BYTES, type SniffedType } from "./sniff";
import { UnsupportedFileTypeError, UploadIncompleteError, UploadTooLargeError } from "@/lib/errors";
import { sweepStaleTempFiles, TEMP_DIR } from "./upload-temp";

export interface UploadOptions {
  /** Where the file ends up; the temp file lives inside it too, so the final rename is atomic. */
  root: string;
  maxBytes: number;
  /** Decides the type from the leading bytes; null refuses the upload with `refusal`. */
  detectType: (head: Uint8Array) => SniffedType | null;
  refusal: string;
  /** How many leading bytes to keep for the type check and the caller (at least SNIFF_BYTES). */
  headBytes?: number;
  /** The Content-Length the client announced, if any: checked up front and against what arrives. */
  declaredLength?: number | null;
  signal?: AbortSignal;
}

/** A fully received, fsynced upload still under its temp name. */
export interface PendingUpload {
  size: number;
  sha256: string;
  type: SniffedType;
  head: Uint8Array;
  /** Renames the file to `storageKey` under the root (atomic, durable); after this it is the caller's. */
  commit: (storageKey: string) => Promise<void>;
}

async function writeAll(file: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.byteLength) {
    const { bytesWritten } = await file.write(chunk, offset, chunk.byteLength - offset);
    offset += bytesWritten;
  }
}

async function writeBody(body: ReadableStream<Uint8Array>, file: FileHandle, options: UploadOptions) {
  const headLimit = Math.max(options.headBytes ?? SNIFF_BYTES, SNIFF_BYTES);
  const hash = createHash("sha256");
  const head: Uint8Array[] = [];
  let headLength = 0;
  let size = 0;
  let type: SniffedType | null = null;
  const reader = body.getReader();
  // A cancelled reader reports a normal end: the signal is what tells a cut connection apart.
  const stop = () => void reader.cancel().catch(() => undefined);
  options.signal?.addEventListener("abort", stop, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (options.signal?.aborted) throw new UploadIncompleteError("The upload was cancelled.");
      if (done) break;
      size += value.byteLength;
      if (size > options.maxBytes)
        throw new UploadTooLargeError(`The file is larger than ${formatBytes(options.maxBytes)}.`);
      if (headLength < headLimit) {
        head.push(value.subarray(0, headLimit - headLength));
        headLength += Math.min(value.byteLength, headLimit - headLength);
      }
      // Refuse a wrong type as soon as the sniffer has seen enough, not after the whole body.
      if (!type && headLength >= SNIFF_BYTES) {
        type = options.detectType(Buffer.concat(head));
        if (!type) throw new UnsupportedFileTypeError(options.refusal);
      }
      hash.update(value);
      await writeAll(file, value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    options.signal?.removeEventListener("abort", stop);
  }
  if (options.declaredLength != null && size !== options.declaredLength) {
    throw new UploadIncompleteError(`Received ${size} of ${options.declaredLength} bytes.`);
  }
  const headBytes = Buffer.concat(head);
  type ??= options.detectType(headBytes);
  if (!type) throw new UnsupportedFileTypeError(options.refusal);
  return { size, sha256: hash.digest("hex"), type, head: headBytes };
}

async function fsyncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Streams a request body to a temp file inside `root`, hashing it on the way and never holding more
 * than a chunk (plus the small head) in memory, then hands it to `finish`. Whatever fails, at any
 * point (too large, wrong type, cut connection, a validation or database error in `finish`), the temp
 * file and any committed file are removed: a failed upload leaves nothing behind.
 */
export async function receiveUpload<T>(
  body: ReadableStream<Uint8Array> | null,
  options: UploadOptions,
  finish: (upload: PendingUpload) => Promise<T>,
): Promise<T> {
  if (options.declaredLength != null && options.declaredLength > options.maxBytes) {
    throw new UploadTooLargeError(`The file is larger than ${formatBytes(options.maxBytes)}.`);
  }
  if (!body) throw new UploadIncompleteError("The request has no file in its body.");
  const tempDir = path.join(options.root, TEMP_DIR);
  await mkdir(tempDir, { recursive: true });
  await sweepStaleTempFiles(tempDir);
  const tempPath = path.join(tempDir, `${randomUUID()}.part`);
  let committedPath: string | null = null;
  const file = await open(tempPath, "wx", 0o640);
  try {
    let written: Awaited<ReturnType<typeof writeBody>>;
    try {
      written = await writeBody(body, file, options);
      await file.sync();
    } finally {
      await file.close();
    }
    return await finish({
      ...written,
      commit: async (storageKey) => {
        const finalPath = path.join(options.root, storageKey);
        await mkdir(path.dirname(finalPath), { recursive: true });
        await rename(tempPath, finalPath);
        committedPath = finalPath;
        await fsyncDirectory(path.dirname(finalPath));
      },
    });
  } catch (error) {
    await unlink(committedPath ?? tempPath).catch(() => undefined);
    throw error;
  }
}
