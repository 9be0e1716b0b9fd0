import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { sniffSellableType } from "./sniff";
import { receiveUpload, type UploadOptions } from "./upload";
import { UnsupportedFileTypeError, UploadIncompleteError, UploadTooLargeError } from "@/lib/errors";
import { TEMP_DIR } from "./upload-temp";

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "bindery-upload-"));
});

const pdf = (size: number) => {
  const bytes = Buffer.alloc(size, 0x41);
  bytes.write("%PDF-1.7\n");
  return bytes;
};

/** A body delivered in chunks, optionally failing or never ending after some of them. */
function bodyOf(bytes: Buffer, options: { chunk?: number; failAfter?: number; endless?: boolean } = {}) {
  const chunk = options.chunk ?? 16 * 1024;
  let offset = 0;
  let pulls = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      pulls += 1;
      if (options.failAfter !== undefined && pulls > options.failAfter) {
        return controller.error(new Error("connection reset"));
      }
      if (offset >= bytes.length) {
        return options.endless ? controller.enqueue(new Uint8Array(chunk)) : controller.close();
      }
      controller.enqueue(bytes.subarray(offset, offset + chunk));
      offset += chunk;
    },
  });
}

const options = (overrides: Partial<UploadOptions> = {}): UploadOptions => ({
  root,
  maxBytes: 1024 * 1024,
  detectType: sniffSellableType,
  refusal: "PDF or EPUB only",
  ...overrides,
});

/** Every file under the root, temp files included. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

describe("receiveUpload", () => {
  it("streams to a temp file, hashes on the way, and commits under the key it is given", async () => {
    const bytes = pdf(300_000);
    const result = await receiveUpload(bodyOf(bytes), options({ declaredLength: bytes.length }), async (upload) => {
      expect(filesUnder(root)).toEqual([expect.stringMatching(new RegExp(`^\\${TEMP_DIR}/[0-9a-f-]+\\.part$`))]);
      await upload.commit("ab/cd/book.pdf");
      return upload;
    });
    expect(result).toMatchObject({ size: bytes.length, type: { extension: "pdf" } });
    expect(result.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(filesUnder(root)).toEqual(["ab/cd/book.pdf"]);
    expect(readFileSync(path.join(root, "ab/cd/book.pdf")).equals(bytes)).toBe(true);
  });

  it("refuses an announced size over the limit before reading anything", async () => {
    let pulled = false;
    const body = new ReadableStream<Uint8Array>({ pull: () => void (pulled = true) }, { highWaterMark: 0 });
    const upload = receiveUpload(body, options({ declaredLength: 2 * 1024 * 1024 }), async () => 0);
    await expect(upload).rejects.toBeInstanceOf(UploadTooLargeError);
    expect(pulled).toBe(false);
  });

  it("stops a body that grows past the limit and leaves nothing behind", async () => {
    const upload = receiveUpload(bodyOf(pdf(10), { endless: true }), options(), async () => 0);
    await expect(upload).rejects.toBeInstanceOf(UploadTooLargeError);
    expect(filesUnder(root)).toEqual([]);
  });

  it("refuses a wrong type after the first bytes, without reading the rest", async () => {
    const exe = Buffer.concat([Buffer.from("MZ\x90\x00"), Buffer.alloc(8192)]);
    const upload = receiveUpload(bodyOf(exe, { endless: true }), options({ maxBytes: 1e12 }), async () => 0);
    await expect(upload).rejects.toBeInstanceOf(UnsupportedFileTypeError);
    expect(filesUnder(root)).toEqual([]);
  });

  it("refuses a wrong type shorter than the sniffing window too", async () => {
    const upload = receiveUpload(bodyOf(Buffer.from("hello")), options(), async () => 0);
    await expect(upload).rejects.toThrow("PDF or EPUB only");
    expect(filesUnder(root)).toEqual([]);
  });

  it("removes the temp file when the connection breaks mid-stream", async () => {
    const upload = receiveUpload(bodyOf(pdf(500_000), { failAfter: 5 }), options(), async () => 0);
    await expect(upload).rejects.toThrow("connection reset");
    expect(filesUnder(root)).toEqual([]);
  });

  it("treats an aborted request as incomplete, even if the stream then looks finished", async () => {
    const controller = new AbortController();
    const body = new ReadableStream<Uint8Array>({
      start(stream) {
        stream.enqueue(pdf(8192));
        controller.abort();
      },
    });
    const upload = receiveUpload(body, options({ signal: controller.signal }), async () => 0);
    await expect(upload).rejects.toBeInstanceOf(UploadIncompleteError);
    expect(filesUnder(root)).toEqual([]);
  });

  it("treats fewer bytes than announced as incomplete", async () => {
    const upload = receiveUpload(bodyOf(pdf(5000)), options({ declaredLength: 6000 }), async () => 0);
    await expect(upload).rejects.toBeInstanceOf(UploadIncompleteError);
    expect(filesUnder(root)).toEqual([]);
  });

  it("removes the committed file when the caller fails after committing (say, the database)", async () => {
    const failing = receiveUpload(bodyOf(pdf(5000)), options(), async (upload) => {
      await upload.commit("ef/01/file.pdf");
      throw new Error("database is locked");
    });
    await expect(failing).rejects.toThrow("database is locked");
    expect(filesUnder(root)).toEqual([]);
  });

  it("sweeps temp files a crashed process left more than a day ago, and only those", async () => {
    const tempDir = path.join(root, TEMP_DIR);
    await receiveUpload(bodyOf(pdf(100)), options(), async (upload) => upload.commit("first.pdf"));
    writeFileSync(path.join(tempDir, "stale.part"), "x");
    writeFileSync(path.join(tempDir, "recent.part"), "x");
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    utimesSync(path.join(tempDir, "stale.part"), twoDaysAgo, twoDaysAgo);
    await receiveUpload(bodyOf(pdf(100)), options(), async (upload) => upload.commit("second.pdf"));
    expect(readdirSync(tempDir)).toEqual(["recent.part"]);
    expect(statSync(path.join(root, "second.pdf")).size).toBe(100);
  });
});
